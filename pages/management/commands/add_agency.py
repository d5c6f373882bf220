from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from pages.models import AgencyIndexPage, AgencyPage


class Command(BaseCommand):
    help = "Add a government entity: its agency page (as a draft), its editors' group and its collection."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The entity's name in the default language (Arabic).")
        parser.add_argument("--slug", help="URL slug; derived from the name when omitted.")

    def handle(self, *args, name, slug=None, **options):
        index = AgencyIndexPage.objects.filter(locale=Locale.get_default()).first()
        if index is None:
            raise CommandError(
                "There is no agency index page in the default language yet. Run seed_demo or create one."
            )
        existing = AgencyPage.objects.child_of(index).filter(title=name).first()
        if existing:
            self.stdout.write(f"The agency '{name}' already exists (page {existing.pk}); its group is checked.")
            agency = existing
        else:
            agency = AgencyPage(title=name, live=False)
            if slug:
                agency.slug = slug
            index.add_child(instance=agency)
            agency.save_revision()
            self.stdout.write(self.style.SUCCESS(f"Created the agency page '{name}' (page {agency.pk}) as a draft."))
        from pages.roles import ensure_agency_groups

        group = ensure_agency_groups(agency)
        self.stdout.write(f"Editors' group: {group.name}")
