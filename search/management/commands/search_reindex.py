"""Rebuild the search tables from the live pages, public proposals and all comments (safe to run at any time)."""

from django.core.management.base import BaseCommand

from search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the site search tables from the live pages, public proposals and all comments."

    def handle(self, *args, **options):
        pages, comments = reindex_all()
        self.stdout.write(f"Indexed {pages} pages and items, and {comments} comments.")
