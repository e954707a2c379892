"""Stand-in for ``users.serializers``: the user serializer plugin APIs embed.

Mirrors: ``src/backend/InvenTree/users/serializers.py``. ``UserSerializer`` gives pk, username,
first_name, last_name and email (read-only username), as InvenTree's brief user serializer.
Left out: groups, roles, profiles and the owner serializers.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from InvenTree.serializers import InvenTreeModelSerializer


class UserSerializer(InvenTreeModelSerializer):
    """A user's name and e-mail."""

    class Meta:
        model = get_user_model()
        fields = ["pk", "username", "first_name", "last_name", "email"]
        read_only_fields = ["username"]
