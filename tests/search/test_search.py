"""The results page and search.query: what a reader finds, and what they never see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.models import CommentStatus
from search.models import CommentDocument, SearchDocument
from search.query import search
from tests.factories import ConsultationPageFactory, add_page

from .conftest import comment_on

pytestmark = pytest.mark.django_db

# Real query variants (as people type them) and the page each must find: the recall set on this site.
RECALL = [
    ("حمايه البيانات الشخصيه", "ar", "privacy", ""),
    ("حِمَايَة البَيَانَات", "ar", "privacy", ""),
    ("بيانات شخصيه ٢٠٢٣", "ar", "privacy", ""),
    ("الرِّعاية الصّحيّة", "ar", "health_care", ""),
    ("الرعايه الصحيه عن بعد", "ar", "health_care", ""),
    ("امكانية الوصول", "ar", "accessibility", ""),
    ("إمكانيه الوصول", "ar", "accessibility", ""),
    ("المشاورات تشارك", "ar", "guideline", ""),
    ("للمشاركه الالكترونيه", "ar", "rules", ""),
    ("تعريفات", "ar", "rules", "article-1"),
    ("protecting personal data", "en", "privacy_en", ""),
    ("personal-data protection", "en", "privacy_en", ""),
]


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def found_pages(response):
    return [(entry.page_id, entry.anchor) for entry in response.context["results"]]


def test_recall_on_the_set(search_site):
    missed = []
    for query, language, name, anchor in RECALL:
        page = getattr(search_site, name)
        found = [(entry.page_id, entry.anchor) for entry in search(query, language, limit=10)]
        if (page.pk, anchor) not in found:
            missed.append((query, language, name, anchor, found))
    recall = 1 - len(missed) / len(RECALL)
    assert recall == 1.0, missed


def test_header_box_on_every_page_and_results_page(client, search_site):
    home = client.get("/ar/")
    content = home.content.decode()
    assert 'role="search"' in content and 'action="/ar/search/"' in content
    assert '<label class="visually-hidden" for="header-search-q">' in content
    response = results(client, "/ar/search/", q="حمايه البيانات الشخصيه")
    assert found_pages(response)[0] == (search_site.privacy.pk, "")
    html = response.content.decode()
    assert search_site.privacy.url in html
    english = results(client, "/en/search/", q="personal data")
    assert 'action="/en/search/"' in english.content.decode()
    assert found_pages(english) == [(search_site.privacy_en.pk, "")]


def test_consultation_results_show_status_and_closing_date(client, search_site):
    response = results(client, "/ar/search/", q="الرعاية الصحية")
    entry = response.context["results"][0]
    assert entry.page_id == search_site.health_care.pk
    assert entry.status == "concluded"
    html = response.content.decode()
    assert "tag--concluded" in html
    assert 'class="card__dates"' in html


def test_rules_articles_link_to_their_anchor(client, search_site):
    response = results(client, "/ar/search/", q="النطاق")
    assert (search_site.rules.pk, "article-2") in found_pages(response)
    assert f'{search_site.rules.url}#article-2"' in response.content.decode()


def test_only_live_public_pages_in_the_reader_language(client, search_site):
    tree = search_site.tree
    add_page(tree.agency_a, ConsultationPageFactory(title="مسودة البيانات السرية", slug="draft"), publish=False)
    secret = add_page(tree.agency_b, ConsultationPageFactory(title="مشاورة البيانات المقيدة", slug="restricted"))
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = add_page(tree.agency_b, ConsultationPageFactory(title="مشاورة البيانات المسحوبة", slug="withdrawn"))
    withdrawn.unpublish()
    arabic = {page_id for page_id, _ in found_pages(results(client, "/ar/search/", q="البيانات"))}
    assert search_site.privacy.pk in arabic
    assert secret.pk not in arabic and withdrawn.pk not in arabic
    assert not SearchDocument.objects.filter(page_id=withdrawn.pk).exists()
    assert SearchDocument.objects.filter(page__title="مسودة البيانات السرية").count() == 0
    # An Arabic page is not found from the English site, even with its Arabic words.
    assert found_pages(results(client, "/ar/search/", q="الرعاية الصحية"))
    assert found_pages(results(client, "/en/search/", q="الرعاية الصحية")) == []


def test_a_new_draft_does_not_change_what_is_found(search_site):
    page = search_site.privacy
    page.title = "عنوان مسودة لم يُعتمد"
    page.save_revision()
    assert search("مسودة", "ar") == []
    assert [e.page_id for e in search("حماية البيانات الشخصية", "ar")][0] == page.pk


def test_only_published_comments_linked_to_their_place(client, search_site):
    page = search_site.privacy
    published = comment_on(page, "أقترح حذف البيانات البيومترية بعد سنة")
    on_article = comment_on(page, "المادة تحتاج البيومترية بوضوح", block_id="art-5")
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.HIDDEN):
        comment_on(page, f"تعليق {status} عن البيومترية", status=status)
    later_hidden = comment_on(page, "البيومترية مرة أخرى")
    # Moderation writes with update(), which sends no signal: the status is read when searching.
    type(later_hidden).objects.filter(pk=later_hidden.pk).update(status=CommentStatus.HIDDEN, moderation_reason="spam")
    response = results(client, "/ar/search/", q="البيومتريه")
    shown = response.context["comments"]
    assert [c.pk for c, _, _ in shown] == [on_article.pk, published.pk]
    html = response.content.decode()
    assert f'{page.url}#block-ask"' in html
    assert f'{page.url}?article=art-5#block-art-5"' in html
    assert "تعليق pending" not in html and "مرة أخرى" not in html
    assert CommentDocument.objects.count() == 6
    # The same discussion from the English page, linked to the English page.
    english = results(client, "/en/search/", q="البيومترية")
    assert [p.pk for _, p, _ in english.context["comments"]] == [search_site.privacy_en.pk] * 2


def test_comments_on_private_or_unpublished_consultations_are_not_shown(client, search_site):
    comment_on(search_site.privacy, "ملاحظة عن التشفير")
    comment_on(search_site.health_care, "ملاحظة عن التشفير الطبي")
    PageViewRestriction.objects.create(page=search_site.privacy, restriction_type=PageViewRestriction.LOGIN)
    search_site.health_care.unpublish()
    assert results(client, "/ar/search/", q="التشفير").context["comments"] == []


def test_query_is_escaped(client, search_site):
    attack = '<script>alert("x")</script> البيانات'
    html = results(client, "/ar/search/", q=attack).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    comment_on(search_site.privacy, "<b>بيانات</b> مهمة")
    html = results(client, "/ar/search/", q="مهمة").content.decode()
    assert "&lt;b&gt;بيانات&lt;/b&gt; مهمة" in html


def test_filters(client, search_site):
    tree = search_site.tree

    def ids(**params):
        return {page_id for page_id, _ in found_pages(results(client, "/ar/search/", **params))}

    everything = ids(q="تعليمات")
    assert {search_site.privacy.pk, search_site.health_care.pk} <= everything
    assert ids(q="تعليمات", kind="consultation") == {search_site.privacy.pk, search_site.health_care.pk}
    assert ids(q="تعليمات", status="open") == {search_site.privacy.pk}
    assert ids(q="تعليمات", status="concluded") == {search_site.health_care.pk}
    assert ids(q="تعليمات", type="policy") == {search_site.health_care.pk}
    assert ids(q="تعليمات", agency=tree.agency_a.pk) == {search_site.privacy.pk}
    assert ids(q="تعليمات", topic=search_site.health.pk) == {search_site.health_care.pk}
    today = timezone.localdate()
    assert ids(q="تعليمات", date_from=(today + timedelta(days=1)).isoformat()) == set()
    assert search_site.privacy.pk in ids(q="تعليمات", date_to=today.isoformat())
    assert ids(q="المشاورات", kind="guideline") == {search_site.guideline.pk}
    # A filter value that does not exist is an error on the form, not a crash.
    response = results(client, "/ar/search/", q="تعليمات", agency="999999")
    assert response.context["form"].errors


def test_paging(client, search_site):
    tree = search_site.tree
    for n in range(12):
        add_page(tree.agency_a, ConsultationPageFactory(title=f"مشاورة الطاقة المتجددة {n}", slug=f"energy-{n}"))
    first = results(client, "/ar/search/", q="الطاقه")
    assert first.context["paginator"].count == 12 and len(first.context["results"]) == 10
    second = results(client, "/ar/search/", q="الطاقه", page=2)
    assert len(second.context["results"]) == 2
    assert not set(found_pages(first)) & set(found_pages(second))
    assert 'page=2"' in first.content.decode()
    assert len(results(client, "/ar/search/", q="الطاقه", page="x").context["results"]) == 10


def test_comment_paging(client, search_site):
    for n in range(12):
        comment_on(search_site.privacy, f"تعليق عن الأرشفة رقم {n}")
    preview = results(client, "/ar/search/", q="الارشفه")
    assert len(preview.context["comments"]) == 5 and preview.context["more_comments"]
    first = results(client, "/ar/search/", q="الارشفه", kind="comments")
    second = results(client, "/ar/search/", q="الارشفه", kind="comments", page=2)
    assert len(first.context["comments"]) == 10 and first.context["comments_has_next"]
    assert len(second.context["comments"]) == 2 and not second.context["comments_has_next"]
    assert "results" not in first.context


def test_empty_and_stop_word_queries_find_nothing(client, search_site):
    assert not results(client, "/ar/search/").context["searched"]
    response = results(client, "/ar/search/", q="في من")
    assert response.context["searched"] and response.context["paginator"].count == 0


def test_constant_number_of_queries(client, search_site):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            results(client, "/ar/search/", q="تعليمات")
        return len(queries)

    comment_on(search_site.privacy, "تعليمات واضحة")
    few = count_queries()
    tree = search_site.tree
    for n in range(8):
        page = add_page(tree.agency_b, ConsultationPageFactory(title=f"تعليمات رقم {n}", slug=f"more-{n}"))
        comment_on(page, f"تعليمات جيدة {n}")
    from django.core.cache import cache

    cache.clear()
    assert count_queries() == few
    assert few <= 15


def test_near_misses_suggest_a_known_word(client, search_site):
    response = results(client, "/ar/search/", q="حمايت البيانات")
    assert response.context["paginator"].count == 0
    assert response.context["suggestion"] == "حمايه البيانات"
    assert 'href="?q=%D8%AD%D9%85%D8%A7%D9%8A%D9%87%20%D8%A7%D9%84%D8%A8%D9%8A%D8%A7%D9%86%D8%A7%D8%AA"' in (
        response.content.decode()
    )
    assert results(client, "/ar/search/", q="حمايه البيانات").context["paginator"].count
    assert results(client, "/en/search/", q="protectin").context["suggestion"] == "protect"
    # Words of pages the reader cannot see are never suggested.
    PageViewRestriction.objects.create(page=search_site.health_care, restriction_type=PageViewRestriction.LOGIN)
    assert results(client, "/ar/search/", q="الاستشارت الطبيه").context["suggestion"] is None
