"""``manage.py backup [FOLDER]``: the database and the media files, with a manifest (academy/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from academy import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the media files into a new folder under FOLDER."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default="backups", help="where to put the backup (default: backups)")

    def handle(self, *args, folder, **options):
        try:
            path = backup.backup(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}")
