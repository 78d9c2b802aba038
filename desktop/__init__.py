"""决算填报助手 (Final Accounts Desk): prepare the annual 部门决算公开 package offline."""

__version__ = "0.1.0"
