"""绩效自评: the scoring core of P01 (项目支出绩效自评表) and P02 (部门整体支出绩效评价).

No Qt and no peewee here: modules read a `Dataset` through its facade or its snapshot values.
`targets` depends on nothing but `desktop.money`, so that the rule kinds can use it.
"""
