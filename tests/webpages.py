# ruff: noqa: E501 - HTML and WordprocessingML read best on one line each
"""Saved web pages as statements arrive: an article inside the furniture of a real site.

Each page is built here (never copied from the web) the way common site
builders lay them out: a WordPress-style news post (header menu, cookie
banner, share bar, "related" block, newsletter form, footer), a Drupal-style
press release made of nested divs with a sidebar and breadcrumb, a joint
statement ending with a comma-separated list of States, a blog post with
reader comments, and a campaign page with a signatory list above a footer
sitemap that also looks like a list of names. Each page returns the text of
its article, so tests and benchmarks/bench_boilerplate.py can count what an
extractor keeps and what it lets through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    url: str
    title: str
    article: list[str]
    """Text of every block of the article body (headings, paragraphs, list items), in order."""
    furniture: list[str]
    """Text of the page furniture an import must drop."""
    links: dict[str, str] = field(default_factory=dict)
    """Link text in the article -> its absolute URL."""
    headings: list[str] = field(default_factory=list)
    list_items: list[str] = field(default_factory=list)


_COOKIE = (
    '<div id="cookie-notice" class="cookie-banner" role="dialog" aria-live="polite"><p>We use cookies to improve your '
    "experience on our website and to analyse our traffic. By clicking Accept all you consent to our use of cookies.</p>"
    '<button class="accept">Accept all</button> <button>Manage preferences</button> <a href="/privacy-policy">Privacy policy</a></div>'
)
_SHARE = (
    '<div class="share-bar"><span>Share this:</span><ul class="social">'
    '<li><a href="https://www.facebook.com/sharer/sharer.php?u=x" class="share-facebook">Share on Facebook</a></li>'
    '<li><a href="https://twitter.com/intent/tweet?url=x" class="share-twitter">Share on X</a></li>'
    '<li><a href="mailto:?subject=x" class="share-email">Email this page</a></li>'
    '<li><a href="javascript:window.print()" class="print">Print this page</a></li></ul></div>'
)
_NEWSLETTER = (
    '<form class="newsletter" action="/subscribe"><h3>Stay informed</h3><p>Sign up for our weekly newsletter on international '
    'justice and accountability.</p><input type="email" name="email" placeholder="Your email address"><button>Subscribe</button></form>'
)


def _menu(items: list[str]) -> str:
    return "".join(f'<li class="menu-item"><a href="/{i.lower().replace(" ", "-")}/">{escape(i)}</a></li>' for i in items)


def _words(*parts: str) -> list[str]:
    return [p for p in parts if p]


def news_post() -> Page:
    """A WordPress-style news post: header menu, cookie notice, share bar, related posts, newsletter, footer."""
    title = "States must shield the Court from coercive sanctions"
    article = [
        "The Hague, 7 February 2025 — Member organisations of the Coalition today called on States Parties to adopt "
        "blocking statutes without delay, after new measures targeted officials of the International Criminal Court.",
        "What the measures mean",
        "The measures freeze assets and bar entry for named officials and for anyone who provides them with material support. "
        "Banks and software providers have already signalled that they may stop serving the Court.",
        "Financial institutions may refuse transactions involving the Court.",
        "Staff may lose access to email and document systems.",
        "Witness protection programmes depend on contractors who could withdraw.",
        "What States can do",
        "Adopt a blocking statute that forbids compliance with the sanctions.",
        "Publicly reaffirm support for the independence of the Court.",
        "Guarantee continuity of services through public providers.",
        "“Justice cannot depend on the goodwill of a single government,” said the Coalition’s convenor.",
        "Read the full joint statement and the list of endorsing organisations.",
    ]
    links = {
        "full joint statement": "https://news.example.org/2025/02/joint-statement/",
        "blocking statutes": "https://news.example.org/explainers/blocking-statutes",
    }
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)} | Justice Monitor</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="Justice Monitor">
<meta property="og:url" content="https://news.example.org/2025/02/07/shield-the-court/">
<meta property="article:published_time" content="2025-02-07T09:30:00+01:00">
<meta name="author" content="Justice Monitor Editorial Team">
<link rel="canonical" href="https://news.example.org/2025/02/07/shield-the-court/">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.menu-item{{display:inline-block}}</style></head>
<body class="post-template-default single single-post">
{_COOKIE}
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Justice Monitor</a></p>
<p class="site-description">Independent reporting on international criminal justice</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{_menu(["News", "Analysis", "Situations", "Campaigns", "About us", "Donate"])}</ul></nav>
<form role="search" class="search-form"><input type="search" placeholder="Search …"><button>Search</button></form></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-4821" class="post-4821 post type-post status-publish">
<header class="entry-header"><span class="cat-links"><a href="/category/news/" rel="category tag">News</a></span>
<h1 class="entry-title">{escape(title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2025-02-07T09:30:00+01:00">7 February 2025</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/editorial/">Editorial Team</a></span></span></div></header>
{_SHARE}
<div class="entry-content">
<p><strong>The Hague, 7 February 2025</strong> — Member organisations of the Coalition today called on States Parties to adopt <a href="../../../../explainers/blocking-statutes">blocking statutes</a> without delay, after new measures targeted officials of the International Criminal Court.</p>
<h2>What the measures mean</h2>
<p>The measures freeze assets and bar entry for named officials and for anyone who provides them with material support. Banks and software providers have already signalled that they may stop serving the Court.</p>
<ul><li>Financial institutions may refuse transactions involving the Court.</li>
<li>Staff may lose access to email and document systems.</li>
<li>Witness protection programmes depend on contractors who could withdraw.</li></ul>
<h2>What States can do</h2>
<ol><li>Adopt a <em>blocking statute</em> that forbids compliance with the sanctions.</li>
<li>Publicly reaffirm support for the independence of the Court.</li>
<li>Guarantee continuity of services through public providers.</li></ol>
<blockquote><p>“Justice cannot depend on the goodwill of a single government,” said the Coalition’s convenor.</p></blockquote>
<p>Read the <a href="/2025/02/joint-statement/">full joint statement</a> and the list of endorsing organisations.</p>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged <a href="/tag/sanctions/">sanctions</a>, <a href="/tag/icc/">ICC</a></span></footer>
</article>
{_SHARE}
<section class="related-posts"><h2 class="related-title">Related articles</h2><ul>
<li><a href="/2025/01/14/coalition-opposes-sanctions/">Coalition opposes sanctions against the Court</a><p>Over one hundred organisations urged member states to defend the institution.</p></li>
<li><a href="/2024/12/05/assembly-cooperation/">Assembly plenary on cooperation</a><p>Civil society set out five ways to strengthen cooperation.</p></li>
<li><a href="/2024/05/22/letter-to-president/">Letter to the President</a><p>Organisations wrote to the White House about threats to the Court.</p></li></ul></section>
<nav class="post-navigation"><a href="/2025/02/01/previous/" rel="prev">Previous post: Judges elected at the Assembly</a> <a href="/2025/02/10/next/" rel="next">Next post: Deputy prosecutors sworn in</a></nav>
</main>
<aside id="secondary" class="widget-area">{_NEWSLETTER}<section class="widget"><h2 class="widget-title">Most read</h2><ul><li><a href="/a">Arrest warrants explained</a></li><li><a href="/b">How the Assembly works</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="footer-widgets"><p>Justice Monitor, Postbus 1234, 2500 The Hague, Netherlands</p>
<ul class="footer-menu">{_menu(["Contact", "Privacy policy", "Terms of use", "Accessibility", "Careers"])}</ul></div>
<div class="site-info">© 2025 Justice Monitor. All rights reserved. Proudly powered by WordPress.</div></footer>
<script src="/wp-includes/js/wp-embed.min.js"></script>
</body></html>"""
    furniture = [
        "We use cookies to improve your experience on our website and to analyse our traffic.",
        "Independent reporting on international criminal justice",
        "Share on Facebook",
        "Coalition opposes sanctions against the Court",
        "Over one hundred organisations urged member states to defend the institution.",
        "Sign up for our weekly newsletter on international justice and accountability.",
        "Justice Monitor, Postbus 1234, 2500 The Hague, Netherlands",
        "All rights reserved. Proudly powered by WordPress.",
        "Previous post: Judges elected at the Assembly",
        "Arrest warrants explained",
    ]
    return Page(
        "news-post",
        html,
        "https://news.example.org/2025/02/07/shield-the-court/",
        title,
        article,
        furniture,
        links,
        ["What the measures mean", "What States can do"],
        article[3:6] + article[7:10],
    )


def drupal_press_release() -> Page:
    """A Drupal-style press release: nested divs only (no article or main), breadcrumb, sidebar, footer blocks."""
    title = "Civil society welcomes the election of six judges"
    article = [
        "Geneva, 18 December 2023",
        "The Coalition welcomes the election of six judges by the Assembly of States Parties and congratulates the candidates "
        "on a process that was more transparent than ever before.",
        "A stronger vetting process",
        "For the first time, the Advisory Committee on Nominations interviewed every candidate in public and published its "
        "assessment before the vote.",
        "Member organisations had asked for this reform for a decade, and it shows what States can achieve when they listen "
        "to victims and to civil society.",
        "Next steps",
        "The new judges will take office in March. The Coalition will follow their work closely and report to its members.",
        "Media contact: press@coalition.example.org",
    ]
    sidebar = "".join(
        f'<div class="views-row"><span class="field-content"><a href="/news/{i}">{escape(t)}</a></span></div>'
        for i, t in enumerate(
            ["Assembly opens its annual session", "Prosecutor briefs the Security Council", "Budget negotiations stall"]
        )
    )
    html = f"""<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>{escape(title)} | Coalition</title>
<meta name="dcterms.date" content="2023-12-18">
<meta name="twitter:title" content="{escape(title)}">
<base href="https://coalition.example.org/en/">
</head><body class="path-node page-node-type-press-release">
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<div class="region region-header"><div id="block-sitebranding"><a href="/" rel="home">Coalition for the Court</a></div>
<div id="block-mainnavigation"><ul class="menu">{_menu(["Who we are", "What we do", "Our members", "Resources", "Get involved"])}</ul></div>
<div id="block-languageswitcher"><ul class="links"><li><a href="/fr">Français</a></li><li><a href="/es">Español</a></li></ul></div></div>
<div class="region region-breadcrumb"><ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li>Press releases</li></ol></div>
<div class="region region-content"><div id="block-content"><div class="node node--type-press-release">
<h1 class="page-title"><span class="field field--name-title">{escape(title)}</span></h1>
<div class="field field--name-field-date"><time datetime="2023-12-18T12:00:00Z">18 December 2023</time></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary">
<p>Geneva, 18 December 2023</p>
<p>The Coalition welcomes the election of six judges by the Assembly of States Parties and congratulates the candidates on a process that was more transparent than ever before.</p>
<h3>A stronger vetting process</h3>
<p>For the first time, the <a href="committee/nominations">Advisory Committee on Nominations</a> interviewed every candidate in public and published its assessment before the vote.</p>
<p>Member organisations had asked for this reform for a decade, and it shows what States can achieve when they listen to victims and to civil society.</p>
<h3>Next steps</h3>
<p>The new judges will take office in March. The Coalition will follow their work closely and report to its members.</p>
<p>Media contact: <a href="mailto:press@coalition.example.org">press@coalition.example.org</a></p>
</div>
<div class="field field--name-field-tags"><div class="field__label">Tags</div><div class="field__items"><div class="field__item"><a href="/tags/judges">Judicial elections</a></div></div></div>
</div></div></div>
<div class="region region-sidebar-first"><div class="block-views-blocklatest-news"><h2>Latest news</h2>{sidebar}</div>
<div class="block-donate"><h2>Support our work</h2><p>Your donation keeps the Coalition independent of any government.</p><a href="/donate">Donate now</a></div></div>
<div class="region region-footer"><div class="block-contact"><p>Coalition for the Court · Rue de la Paix 1 · 1202 Geneva</p></div>
<div class="block-social"><a href="https://social.example/coalition">Follow us</a></div><div class="copyright">Copyright © 2023 Coalition for the Court</div></div>
</div></div></body></html>"""
    furniture = [
        "Assembly opens its annual session",
        "Your donation keeps the Coalition independent of any government.",
        "Coalition for the Court · Rue de la Paix 1 · 1202 Geneva",
        "Judicial elections",
        "Who we are",
        "Copyright © 2023 Coalition for the Court",
    ]
    links = {"Advisory Committee on Nominations": "https://coalition.example.org/en/committee/nominations"}
    return Page(
        "drupal-press-release",
        html,
        "https://coalition.example.org/en/news/six-judges",
        title,
        article,
        furniture,
        links,
        ["A stronger vetting process", "Next steps"],
        [],
    )


STATES = [
    "Albania", "Andorra", "Argentina", "Australia", "Austria", "Belgium", "Bolivia", "Bosnia and Herzegovina", "Brazil",
    "Bulgaria", "Canada", "Chile", "Colombia", "Costa Rica", "Croatia", "Cyprus", "Czechia", "Denmark", "Ecuador", "Estonia",
    "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Ireland", "Italy", "Latvia", "Liechtenstein",
]  # fmt: skip


def joint_statement_page() -> Page:
    """A joint statement of States on a ministry-style page: language switcher, print links, an enumeration of 30 States."""
    title = "Joint statement in support of the International Criminal Court"
    listed = ", ".join(STATES[:-1]) + " and " + STATES[-1]
    article = [
        "As States Parties to the Rome Statute, we reaffirm our unwavering support for the Court as an independent and "
        "impartial judicial institution.",
        "We will continue to cooperate fully with the Court and to protect its officials and staff from any threat.",
        f"This statement is supported by the following States: {listed}.",
    ]
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - Ministry of Foreign Affairs</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{escape(title)}","datePublished":"2025-02-07","publisher":{{"@type":"Organization","name":"Ministry of Foreign Affairs"}}}}</script>
</head><body>
<div id="top-bar"><ul class="lang"><li><a href="/fr/">FR</a></li><li><a href="/es/">ES</a></li></ul><a href="/login">Log in</a></div>
<header><div class="logo">Ministry of Foreign Affairs</div><nav aria-label="Main"><ul>{_menu(["Home", "Foreign policy", "Travel advice", "Press room", "Contact"])}</ul></nav></header>
<main id="main-content"><div class="tools"><a href="#" onclick="window.print()">Print</a> | <a href="/statement.pdf">Download PDF (120 KB)</a></div>
<h1>{escape(title)}</h1><p class="date">Published: 07/02/2025</p>
<div class="rich-text">
<p>As States Parties to the Rome Statute, we reaffirm our unwavering support for the Court as an independent and impartial judicial institution.</p>
<p>We will continue to cooperate fully with the Court and to protect its officials and staff from any threat.</p>
<p>This statement is supported by the following States: {escape(listed)}.</p>
</div>
<div class="feedback"><p>Was this page useful?</p><button>Yes</button><button>No</button></div></main>
<footer><ul>{_menu(["About this site", "Cookies", "Accessibility statement", "Sitemap"])}</ul><p>Ministry of Foreign Affairs · Government Communications Service</p></footer>
</body></html>"""
    furniture = [
        "Was this page useful?",
        "Download PDF (120 KB)",
        "Accessibility statement",
        "Government Communications Service",
        "Travel advice",
    ]
    return Page("joint-statement", html, "https://mfa.example.gov/en/news/joint-statement-icc", title, article, furniture)


def blog_with_comments() -> Page:
    """A blog post with an author box and reader comments below it."""
    title = "Five things to know about the Assembly"
    article = [
        "Every December the Assembly of States Parties meets to adopt the budget of the Court and to elect its officials.",
        "This year the agenda is heavier than usual, and civil society will be watching closely.",
        "The budget",
        "The Court asked for a modest increase to cope with new situations and with the cost of protecting its systems.",
        "The elections",
        "Six judges and a deputy registrar are to be elected, and the vetting of candidates is more thorough than in the past.",
    ]
    comments = "".join(
        f'<li class="comment"><div class="comment-author"><b>{n}</b> says:</div><div class="comment-content"><p>{c}</p></div><a class="reply" href="#r">Reply</a></li>'
        for n, c in [
            ("Maria", "Thank you for this clear overview, it helped me prepare for the side events in The Hague this year."),
            ("Tom", "Will there be a livestream of the plenary sessions? I could not find a link on the official website."),
        ]
    )
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="og:title" content="{escape(title)}"><meta property="article:published_time" content="2024-12-02T08:00:00Z">
<meta property="article:author" content="Justice Blog"></head><body>
<div class="navbar"><a href="/">Justice Blog</a> <a href="/archive">Archive</a> <a href="/about">About</a></div>
<div class="container"><div class="post">
<h1 class="post-title">{escape(title)}</h1><div class="post-meta">December 2, 2024 · 4 min read</div>
<div class="post-body">
<p>Every December the Assembly of States Parties meets to adopt the budget of the Court and to elect its officials.</p>
<p>This year the agenda is heavier than usual, and civil society will be watching closely.</p>
<h2>The budget</h2>
<p>The Court asked for a modest increase to cope with new situations and with the cost of protecting its systems.</p>
<h2>The elections</h2>
<p>Six judges and a deputy registrar are to be elected, and the vetting of candidates is more thorough than in the past.</p>
</div>
<div class="author-box"><img src="/a.png" alt=""><p>Written by the editors of Justice Blog, who follow the Court since its first day.</p></div>
</div>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on “{escape(title)}”</h2><ol class="comment-list">{comments}</ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea><button>Post Comment</button></form></div></div>
</div><div class="footer">Justice Blog · Built with a static site generator</div></body></html>"""
    furniture = [
        "Thank you for this clear overview, it helped me prepare for the side events in The Hague this year.",
        "Will there be a livestream of the plenary sessions?",
        "Written by the editors of Justice Blog, who follow the Court since its first day.",
        "Leave a Reply",
        "Built with a static site generator",
    ]
    return Page(
        "blog-comments",
        html,
        "https://blog.example.net/2024/12/five-things",
        title,
        article,
        furniture,
        {},
        ["The budget", "The elections"],
        [],
    )


SIGNATORIES = [
    "Africa Legal Aid", "Avocats Sans Frontières", "Coalition for Justice in Asia", "Human Rights Defenders Network",
    "Lawyers for Victims", "Ligue des droits humains", "Red de Justicia Internacional", "Women’s Initiatives for Justice",
]  # fmt: skip


def campaign_with_signatories() -> Page:
    """A campaign page: an open letter, a "Signed by" list, and a footer sitemap that also looks like names."""
    title = "Open letter: protect those who cooperate with the Court"
    article = [
        "We, the undersigned organisations, write to express our alarm at measures that threaten people who cooperate with "
        "the Court, including witnesses, intermediaries and human rights defenders.",
        "We ask every State Party to adopt protective measures within six months.",
        "Signed by",
        *SIGNATORIES,
    ]
    names = "".join(f"<li>{escape(n)}</li>" for n in SIGNATORIES)
    sitemap = "".join(
        f'<li><a href="/p{i}">{escape(n)}</a></li>'
        for i, n in enumerate(
            [
                "Our history",
                "Annual reports",
                "Member directory",
                "Funding partners",
                "Job vacancies",
                "Internships",
                "Media centre",
                "Publications",
            ]
        )
    )
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="Justice Now Campaign">
<meta property="article:published_time" content="2025-03-03"></head><body>
<header class="top"><nav><a href="/">Home</a> <a href="/campaigns">Campaigns</a> <a href="/take-action">Take action</a></nav></header>
<div class="banner"><p>Add your organisation’s name before 31 March!</p><a class="button" href="/sign">Sign the letter</a></div>
<article><h1>{escape(title)}</h1>
<p>We, the undersigned organisations, write to express our alarm at measures that threaten people who cooperate with the Court, including witnesses, intermediaries and human rights defenders.</p>
<p>We ask every State Party to adopt protective measures within six months.</p>
<h2>Signed by</h2><ul>{names}</ul></article>
<footer class="sitemap"><ul>{sitemap}</ul><p>Justice Now Campaign is a project of independent organisations.</p></footer>
</body></html>"""
    furniture = [
        "Add your organisation’s name before 31 March!",
        "Member directory",
        "Justice Now Campaign is a project of independent organisations.",
    ]
    return Page(
        "campaign-signatories",
        html,
        "https://campaign.example.org/open-letter",
        title,
        article,
        furniture,
        {},
        ["Signed by"],
        SIGNATORIES,
    )


PAGES = (news_post, drupal_press_release, joint_statement_page, blog_with_comments, campaign_with_signatories)
