# ruff: noqa: E501 - HTML and WordprocessingML read best on one line each
"""Word documents as member organisations send them, written as Word writes its XML.

python-docx gives the package (content types, relationships, the default
styles); the body, styles, numbering, fields, tracked changes, notes, text
boxes and headers are written as WordprocessingML, the way Word 2016+ saves
them: localised style ids (a French Word: ``Titre``, ``Titre1``) with the
built-in English names, a house heading style based on one of them,
``w:abstractNum`` / ``w:num`` definitions with a restart, ``w:ins`` /
``w:del`` revisions by a named author, a HYPERLINK field split over several
runs, a comment, a footnote, a text box in ``mc:AlternateContent``, and a
two-column signatory table. Nothing here is copied from a real document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word"'
)
LINK_STYLE = '<w:rStyle w:val="Lienhypertexte"/>'
REV = 'w:author="Marie Dupont" w:date="2025-02-06T10:12:00Z"'

FRENCH_STYLES = f"""
<w:style {NS} w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:qFormat/><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style {NS} w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style {NS} w:type="paragraph" w:customStyle="1" w:styleId="Intertitre"><w:name w:val="Intertitre communiqué"/>
  <w:basedOn w:val="Titre1"/><w:rPr><w:color w:val="1F3864"/></w:rPr></w:style>
<w:style {NS} w:type="paragraph" w:styleId="Citation"><w:name w:val="Citation"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:ind w:left="864"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style {NS} w:type="paragraph" w:styleId="Paragraphedeliste"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style {NS} w:type="character" w:styleId="Accentuation"><w:name w:val="Emphasis"/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>
<w:style {NS} w:type="character" w:styleId="lev"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style {NS} w:type="character" w:styleId="Lienhypertexte"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
"""

NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11"><w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="11"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def r(text: str, props: str = "") -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}<w:t{space}>{text}</w:t></w:r>"


def p(*runs: str, style: str = "", num: tuple[int, int] | None = None, extra: str = "") -> str:
    ppr = ""
    if style or num or extra:
        numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}{extra}</w:pPr>"
    return f'<w:p {NS} w:rsidR="00A1B2C3">{ppr}{"".join(runs)}</w:p>'


def field_link(url: str, *runs: str) -> str:
    """A HYPERLINK field as Word saves it: begin, the instruction split over runs, separate, result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "</w:instrText></w:r>'
        f"<w:r><w:instrText>{url}</w:instrText></w:r>"
        '<w:r><w:instrText xml:space="preserve">" \\o "Read the analysis" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + "".join(runs) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def text_box(text: str) -> str:
    inner = f"<w:txbxContent>{p(r(text))}</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f"{inner}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


SIGNATORY_TABLE_NAMES = [
    "Africa Legal Aid", "Avocats Sans Frontières", "Coalition for Justice in Asia", "Human Rights Defenders Network",
    "Lawyers for Victims", "Ligue des droits humains", "Red de Justicia Internacional", "Women’s Initiatives for Justice",
]  # fmt: skip


def signatory_table(names: Sequence[str], columns: int = 2) -> str:
    rows = [names[i : i + columns] for i in range(0, len(names), columns)]
    grid = "".join('<w:gridCol w:w="4513"/>' for _ in range(columns))
    body = "".join(
        "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="4513" w:type="dxa"/></w:tcPr>{p(r(n))}</w:tc>' for n in row) + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl {NS}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )


def joint_letter() -> bytes:
    """A French Word user's joint letter: styles, numbering, tracked changes, a link field, notes, a signatory table."""
    document = docx.Document()
    styles = document.styles.element
    for chunk in _style_chunks(FRENCH_STYLES):
        styles.append(parse_xml(chunk))
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    mailto = document.part.relate_to("mailto:press@coalition.example.org", RT.HYPERLINK, is_external=True)
    body = document.element.body
    sect = body[-1]
    paragraphs = [
        p(r("Joint letter on the protection of the Court"), style="Titre"),
        p(r("The Hague, 7 February 2025")),
        p(r("Dear Ministers,")),
        p(
            r("We "),
            f'<w:ins w:id="1" {REV}>{r("strongly ")}</w:ins>',
            r("urge you"),
            f'<w:del w:id="2" {REV}><w:r><w:delText xml:space="preserve"> perhaps</w:delText></w:r></w:del>',
            r(" to protect "),
            r("the Court", '<w:rStyle w:val="Accentuation"/>'),
            r(" and "),
            r("all those", '<w:rStyle w:val="lev"/>'),
            r(" who cooperate with it."),
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
        ),
        p(
            r("Read our "),
            field_link("https://coalition.example.org/letter", r("full analysis", '<w:rStyle w:val="Lienhypertexte"/>')),
            r(" and write to "),
            f'<w:hyperlink r:id="{mailto}" w:history="1">{r("our press office", LINK_STYLE)}</w:hyperlink>',
            r("."),
            '<w:commentRangeStart w:id="0"/>',
        ),
        p(r("Our requests"), style="Intertitre"),
        p(r("Execute every outstanding arrest warrant."), style="Paragraphedeliste", num=(2, 0)),
        p(r("Protect witnesses and intermediaries through:"), style="Paragraphedeliste", num=(2, 0)),
        p(r("relocation agreements;"), style="Paragraphedeliste", num=(1, 1)),
        p(r("secure communication channels."), style="Paragraphedeliste", num=(1, 1)),
        p(r("Pay assessed contributions "), r("on time", "<w:i/>"), r("."), style="Paragraphedeliste", num=(2, 0)),
        p(r("In the longer term we ask you to:")),
        p(r("adopt blocking statutes;"), style="Paragraphedeliste", num=(3, 0)),
        p(r("share information with the Court."), style="Paragraphedeliste", num=(3, 0)),
        p(r("Justice "), r("delayed", '<w:rStyle w:val="Accentuation"/>'), r(" is justice denied."), style="Citation"),
        p(
            r("Coalition Secretariat"),
            "<w:r><w:br/></w:r>",
            r("Postbus 1234"),
            "<w:r><w:br/></w:r>",
            r("2500 The Hague"),
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
            text_box("EMBARGOED until 9:00 CET"),
        ),
        p(
            f'<w:del w:id="3" {REV}><w:r><w:delText>This paragraph was deleted in review.</w:delText></w:r></w:del>',
            extra=f'<w:rPr><w:del w:id="4" {REV}/></w:rPr>',
        ),
        p(r("Signatories"), style="Titre1"),
        signatory_table(SIGNATORY_TABLE_NAMES),
        p(r("Contact: press@coalition.example.org")),
    ]
    for xml in paragraphs:
        sect.addprevious(parse_xml(xml))
    _footnotes(document)
    _comments(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Coalition for the Court · CONFIDENTIAL DRAFT"
    footer = section.footer.paragraphs[0]._p
    footer.append(parse_xml(f'<w:fldSimple {NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    props = document.core_properties
    props.author = "Marie Dupont"
    props.title = "Lettre conjointe"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _style_chunks(xml: str) -> list[str]:
    chunks = [c.strip() for c in xml.strip().split("<w:style ") if c.strip()]
    return ["<w:style " + c for c in chunks]


def _footnotes(document: docx.document.Document) -> None:
    xml = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Including witnesses, intermediaries and human rights defenders.</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _comments(document: docx.document.Document) -> None:
    xml = (
        f'<w:comments {NS}><w:comment w:id="0" w:author="Jeanne" w:date="2025-02-06T11:00:00Z" w:initials="J">'
        "<w:p><w:r><w:t>Check the postcode with the secretariat before sending.</w:t></w:r></w:p></w:comment></w:comments>"
    )
    part = Part(PackURI("/word/comments.xml"), CT.WML_COMMENTS, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.COMMENTS)


def direct_formatting_memo() -> bytes:
    """A document typed without styles: a bold, larger first line, typed bullets and numbers, bold lines as headings."""
    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    bold_big = "<w:b/><w:sz w:val='32'/>"
    paragraphs = [
        p(r("Statement on the budget of the Court", bold_big)),
        p(r("Geneva, 04/09/2024")),
        p(r("The Coalition calls on States Parties to fund the Court properly.")),
        p(r("Three priorities", "<w:b/>")),
        p(r("1.\tProtect the Court’s information systems.")),
        p(r("2.\tFund the victims’ legal aid.")),
        p(r("3.\tKeep field offices open.")),
        p(r("Why it matters", "<w:b/>")),
        p(r("•\tVictims depend on field offices.")),
        p(r("-\tWitnesses depend on secure systems.")),
        p(r("The Coalition will follow the negotiations closely.")),
    ]
    for xml in paragraphs:
        sect.addprevious(parse_xml(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["SIGNATORY_TABLE_NAMES", "direct_formatting_memo", "joint_letter", "signatory_table"]
