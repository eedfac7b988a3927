"""The plain-text part: the HTML body read aloud as text, links written out."""

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "ul", "ol", "table", "tr", "blockquote"}


class _TextWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.links = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "head", "title", "script"):
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
        elif tag == "img" and attrs.get("alt"):
            self.out.append(f"[{attrs['alt']}]")

    def handle_endtag(self, tag):
        if tag in ("style", "head", "title", "script"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self.out.append(f" ({href})")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(" ".join(data.split()) if data.strip() else (" " if data else ""))


def html_to_text(markup: str) -> str:
    writer = _TextWriter()
    writer.feed(markup)
    writer.close()
    lines = [line.strip() for line in "".join(writer.out).splitlines()]
    text, blank = [], False
    for line in lines:
        if line:
            text.append(line)
            blank = False
        elif not blank and text:
            text.append("")
            blank = True
    return "\n".join(text).strip() + "\n"
