"""Every user, however created (sign-up, admin, createsuperuser), has a default pseud."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from fanfold.accounts.models import Preference, Pseud, User


@receiver(post_save, sender=User)
def give_new_user_a_pseud_and_preferences(sender, instance: User, created: bool, **kwargs) -> None:
    if created and not kwargs.get("raw"):
        Pseud.objects.create(user=instance, name=instance.username, is_default=True)
        Preference.objects.create(user=instance)
