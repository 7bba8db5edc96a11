"""``manage.py restore FOLDER --yes``: replace the database and media files with a backup's."""

from django.core.management.base import BaseCommand, CommandError

from academy import backup


class Command(BaseCommand):
    help = "Restore a backup made by 'manage.py backup'. Replaces everything in the database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup's folder (academy-backup-...)")
        parser.add_argument("--yes", action="store_true", help="confirm: the current data is replaced")

    def handle(self, *args, folder, yes, **options):
        try:
            manifest = backup.read_manifest(folder)
            if not yes:
                raise CommandError(
                    f"This replaces all data with the backup made {manifest['created_at']}. "
                    "Stop the web, worker and beat processes, then run again with --yes."
                )
            backup.restore(folder)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup made {manifest['created_at']} ({manifest['media_files']} media files).")
