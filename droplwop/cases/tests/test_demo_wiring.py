from droplwop.cases.models import Case, CasePage
from droplwop.cases.packets import collect_exhibits, render_packet_html
from droplwop.petitions.models import Petition
from droplwop.supporters.models import EmailList

TERESA_PETITION = "Commutation for Teresa Demo Example"


def test_demo_case_page_links_the_cases_own_petition(client, demo):
    for language, href in (
        ("en", "/en/petitions/teresa-demo-example/"),
        ("es", "/es/peticiones/teresa-demo-example/"),
    ):
        page = CasePage.objects.get(locale__language_code=language, case__isnull=False)
        html = client.get(page.url).content.decode()
        assert f'href="{href}"' in html, language


def test_demo_packet_holds_the_cases_own_petition(demo):
    case = Case.objects.get(legal_name="Teresa Demo Example")
    exhibits, _skipped = collect_exhibits(case)
    [petition] = [e for e in exhibits if e.kind == "petition"]
    assert petition.title == TERESA_PETITION


def test_packet_cover_letter_lists_what_it_holds_in_plain_english(demo):
    case = Case.objects.get(legal_name="Teresa Demo Example")
    exhibits, _skipped = collect_exhibits(case)
    html = render_packet_html(case=case, exhibits=exhibits, packet=None)
    total = next(e for e in exhibits if e.kind == "petition").petition["total"]
    letters = sum(1 for e in exhibits if e.kind == "letter")
    assert (
        f"This packet gathers a petition signed by {total} people and {letters} letters of "
        "support from family, employers, program staff, faith communities and others who know "
        "Teresa." in html
    )


def test_demo_has_one_set_of_public_lists_with_distinct_names(demo):
    lists = list(EmailList.objects.all())
    assert len({item.name_en for item in lists}) == len(lists)
    assert len({item.name_es for item in lists}) == len(lists)
    assert {item.slug for item in lists} == {"campaign-updates", "organizers"}
    used = set(Petition.objects.values_list("email_list__slug", flat=True))
    assert used == {"campaign-updates"}
