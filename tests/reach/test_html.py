"""The pages this app adds or changes are valid HTML for the Nu HTML Checker, signed in and out."""

import json
import subprocess

import pytest

from reach import tokens
from reach.models import Subscription
from tests.browser.test_html_validity import vnu  # noqa: F401  (the checker's command, or a skip)

from .conftest import make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_follow_buttons_subscriptions_and_unsubscribe_pages_are_valid(
    vnu,  # noqa: F811
    health,
    make_person,
    signed_in,
    client,
    tmp_path,
):
    citizen = make_person()
    page = make_consultation(health.agency, topics=[health.topic])
    for kind, target in (("agency", health.agency.translation_key), ("consultation", page.translation_key)):
        Subscription.objects.create(user=citizen, kind=kind, target=str(target), language="ar")
    Subscription.objects.create(user=citizen, kind="governorate", target="amman", language="ar", frequency="weekly")
    member = signed_in(citizen)
    subscription = Subscription.objects.filter(user=citizen).first()
    paths = {
        "agency-in": (member, "/ar/agencies/moh/"),
        "agency-out": (client, "/en/agencies/moh/"),
        "consultation-in": (member, page.url),
        "topic-in": (member, f"/ar/consultations/?topic={health.topic.pk}"),
        "topic-out": (client, f"/ar/consultations/?topic={health.topic.pk}"),
        "home-out": (client, "/ar/"),
        "mine": (member, "/ar/my-participation/"),
        "confirm": (client, f"/ar/my-participation/unsubscribe/{tokens.for_subscription(subscription)}/"),
        "confirm-all": (client, f"/en/my-participation/unsubscribe/{tokens.make(citizen.pk, tokens.ALL)}/"),
        "invalid": (client, "/ar/my-participation/unsubscribe/nothing/"),
    }
    files = []
    for name, (who, path) in paths.items():
        response = who.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    done = client.post(f"/ar/my-participation/unsubscribe/{tokens.for_subscription(subscription)}/")
    (tmp_path / "done.html").write_bytes(done.content)
    files.append(str(tmp_path / "done.html"))
    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", *files], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
