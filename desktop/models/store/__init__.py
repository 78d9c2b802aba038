"""The dataset file: opening it safely (files), its migrations, its backups, and the SQL that
reads and writes its tables (tables). One import point for the rest of the models."""

from desktop.models.store.backups import KEEP_BACKUPS, backup, is_good_backup
from desktop.models.store.files import (
    PRAGMAS,
    SUFFIX,
    FileInUseError,
    ReadOnlyError,
    StoreError,
    backup_folder,
    cannot_write,
    check_header,
    check_sound,
    connect,
    damaged,
    read_only_message,
    sqlite_reason,
    writable,
)
from desktop.models.store.lifecycle import new_file, open_file, remove_file
from desktop.models.store.migrations import (
    EDITION_KEY,
    edition_id,
    initialise,
    schema_version,
    upgrade,
    use_wal,
)

__all__ = [
    "EDITION_KEY",
    "KEEP_BACKUPS",
    "PRAGMAS",
    "SUFFIX",
    "FileInUseError",
    "ReadOnlyError",
    "StoreError",
    "backup",
    "backup_folder",
    "cannot_write",
    "check_header",
    "check_sound",
    "connect",
    "damaged",
    "edition_id",
    "initialise",
    "is_good_backup",
    "new_file",
    "open_file",
    "read_only_message",
    "remove_file",
    "schema_version",
    "sqlite_reason",
    "upgrade",
    "use_wal",
    "writable",
]
