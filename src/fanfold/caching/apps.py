from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "fanfold.caching"
    verbose_name = "Page and fragment caching"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from fanfold.caching.generation import watch_writes
        from fanfold.caching.shared import shared_works_with_details
        from fanfold.works.listing import load_works_with_details_by

        connection_created.connect(watch_writes, dispatch_uid="fanfold-generation")
        load_works_with_details_by(shared_works_with_details)
