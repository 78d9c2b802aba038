"""The use cases both doors (the window and the CLI) call. No Qt."""
