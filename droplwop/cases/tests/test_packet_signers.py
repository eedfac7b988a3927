"""The signer list is cut into pages of two columns in Python: nothing lost, nothing overfull."""

from droplwop.cases.packet_signers import (
    LINES_FIRST_PAGE,
    LINES_PER_PAGE,
    line_count,
    signer_pages,
)


def signers(count, name="Ana Lopez"):
    return ({"name": f"{name} {n}", "city": "Fresno"} for n in range(1, count + 1))


def test_every_signer_appears_once_numbered_in_order():
    pages = signer_pages(signers(1000), total_hint=1000)
    lines = [line for page in pages for column in page for line in column.split("\n")]
    assert len(lines) == 1000
    assert lines[0] == "\u2007\u2007\u20071. Ana Lopez 1, Fresno"
    assert lines[-1] == "1000. Ana Lopez 1000, Fresno"
    assert all(len(page) <= 2 for page in pages)


def test_columns_never_hold_more_lines_than_the_page_has():
    long_name = "Maria de los Angeles Hernandez-Villanueva y Castellanos"
    pages = signer_pages(signers(400, name=long_name), total_hint=400)
    for index, page in enumerate(pages):
        limit = LINES_FIRST_PAGE if index == 0 else LINES_PER_PAGE
        for column in page:
            assert sum(line_count(line) for line in column.split("\n")) <= limit
    assert line_count(f"1. {long_name} 1, Fresno") == 2


def test_no_signers_no_pages_and_spaces_in_names_are_tamed():
    assert signer_pages(iter(()), total_hint=0) == []
    [[column]] = signer_pages([{"name": "Ana\n\tLopez", "city": ""}], total_hint=1)
    assert column == "1. Ana Lopez"
