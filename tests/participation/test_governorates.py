"""A consultation that concerns some governorates names them, in the reader's language; a national one does not."""

import pytest

from participation.models import ConsultationPage

pytestmark = pytest.mark.django_db


def test_the_governorates_concerned_are_named_in_each_language(client, consultation, consultation_en):
    ConsultationPage.objects.filter(translation_key=consultation.translation_key).update(
        governorates=["irbid", "karak"]
    )
    arabic = client.get(consultation.url).content.decode()
    english = client.get(consultation_en.url).content.decode()
    assert "المحافظات المعنية" in arabic and "إربد" in arabic and "الكرك" in arabic
    assert "Governorates concerned" in english and "Irbid" in english and "Karak" in english


def test_a_national_consultation_names_no_governorate(client, consultation):
    assert "المحافظات المعنية" not in client.get(consultation.url).content.decode()
