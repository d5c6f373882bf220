"""Find an optional module by name in every installed app, so that a lower layer can ask the apps above it
for something (demo content, a person's data) without importing them."""

from importlib import import_module

from django.apps import apps


def app_modules(name):
    """Each installed app's `<app>.<name>` module, in INSTALLED_APPS order; apps without one are skipped."""
    for app in apps.get_app_configs():
        try:
            yield import_module(f"{app.name}.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"{app.name}.{name}":
                raise  # the module exists but something it imports does not
