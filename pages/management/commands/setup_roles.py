from django.core.management.base import BaseCommand

from pages.roles import setup_roles


class Command(BaseCommand):
    help = "Create or repair the reviewers' group, each agency's editors' group and the approval workflow."

    def handle(self, *args, **options):
        setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles and the 'Ministry approval' workflow are set up."))
