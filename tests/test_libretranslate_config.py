"""[translate.libretranslate], --url and the errors a user meets before any server answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, run_stk, snapshot, statement
from libretranslate_fixture import free_port

from toolkit import api
from toolkit.cli import build_parser
from toolkit.drafting.engines import EngineOptions
from toolkit.drafting.engines.libretranslate import LibreTranslateEngine, LibreTranslateOptions
from toolkit.drafting.translate_settings import translate_settings
from toolkit.errors import ConfigError, EngineError

BASE = '[project]\nname = "T"\ntarget_languages = ["fr"]\n'


def settings_of(tmp_path: Path, table: str) -> EngineOptions:
    root = make_project(tmp_path / "p", {"s": statement("Act now.")}, BASE + table)
    return translate_settings(api.open_project(root).config).options


def test_the_table_gives_servers_key_and_request_sizes(tmp_path: Path) -> None:
    options = settings_of(
        tmp_path,
        '[translate]\nengine = "libretranslate"\n[translate.libretranslate]\n'
        'urls = ["http://10.0.0.5:5000", "https://lt.example.org/api"]\napi_key_env = "LT_KEY"\n'
        "concurrency = 3\ntimeout = 30\nbatch = 8\n",
    )
    assert options.libretranslate == LibreTranslateOptions(
        ("http://10.0.0.5:5000", "https://lt.example.org/api"), "", "LT_KEY", 3, 30.0, 8
    )
    single = settings_of(tmp_path / "2", '[translate.libretranslate]\nurl = "http://127.0.0.1:5000"\napi_key = "s3cret"\n')
    assert single.libretranslate.urls == ("http://127.0.0.1:5000",) and single.libretranslate.api_key == "s3cret"
    assert "s3cret" not in repr(single)  # a key never shows in a repr, a log or a traceback's locals


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        ('urls = "http://a:1"', 6, "translate.libretranslate.urls must be a list of URLs, not 'http://a:1'"),
        ('url = "ftp://a"', 6, "translate.libretranslate.url is not a usable server URL: it must start with http:// or https://"),
        ('url = "http://a:99999"', 6, "is not a usable server URL: its port is not a number between 0 and 65535"),
        ("concurrency = 0", 6, "translate.libretranslate.concurrency must be from 1 to 64, not 0"),
        ("batch = 2.5", 6, "translate.libretranslate.batch must be an integer, not 2.5"),
        ('url = "http://a:1"\nurls = ["http://b:1"]', 7, "translate.libretranslate: give url or urls, not both"),
        ('api_key = 12345\nurl = "http://a:1"', 6, "translate.libretranslate.api_key must be a string"),
    ],
)
def test_bad_values_name_the_line_and_never_echo_a_key(tmp_path: Path, table: str, line: int, message: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Act now.")}, BASE + "[translate]\n[translate.libretranslate]\n" + table)
    with pytest.raises(ConfigError) as caught:
        api.open_project(root)  # the whole toolkit.toml is checked when the project opens
    assert str(caught.value).startswith(f"toolkit.toml:{line}: Config error: ") and message in str(caught.value)
    assert "12345" not in str(caught.value)


def test_unknown_keys_warn_and_url_options_map(tmp_path: Path) -> None:
    table = '[translate.libretranslate]\nurl = "http://a:1"\nkey = 1\n'
    root = make_project(tmp_path / "p", {"s": statement("Act now.")}, BASE + table)
    config = api.open_project(root).config
    assert config.warnings == ("toolkit.toml:6: unknown key translate.libretranslate.key ignored (did you mean 'api_key'?)",)
    assert translate_settings(config, urls=["http://b:2"]).engine == "libretranslate"  # --url implies the engine
    assert translate_settings(config, urls=["http://b:2"]).options.libretranslate.urls == ("http://b:2",)
    with pytest.raises(ConfigError, match="--url is for the libretranslate engine, not pseudo"):
        translate_settings(config, engine="pseudo", urls=["http://b:2"])
    args = build_parser().parse_args(["translate", "--url", "http://a:1", "--url", "http://b:2"])
    assert args.url == ["http://a:1", "http://b:2"]
    args = build_parser().parse_args(["models", "list", "--engine", "libretranslate", "--url", "http://a:1"])
    assert (args.engine, args.url) == ("libretranslate", ["http://a:1"])


def test_no_server_and_an_unreachable_one_are_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Act now. We call on States to act.")}, BASE)
    api.extract(api.open_project(root))
    before = snapshot(root)
    run = run_stk("translate", "--project", str(root), "--engine", "libretranslate")
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "stk: Engine error: no LibreTranslate server given: set url in [translate.libretranslate] of toolkit.toml, or use --url"
    )
    port = free_port()  # nothing listens there
    run = run_stk("translate", "--project", str(root), "--url", f"http://user:pw@127.0.0.1:{port}/?api_key=k")
    assert run.returncode == 2
    assert run.stderr.strip() == (
        f"stk: Engine error: cannot reach LibreTranslate at 127.0.0.1:{port} (connection refused (is the server running?), "
        "4 attempts)"
    )
    run = run_stk("models", "list", "--engine", "libretranslate", "--project", str(root))
    assert run.returncode == 2 and "no LibreTranslate server given: use --url" in run.stderr
    assert snapshot(root) == before
    with pytest.raises(EngineError, match="environment variable STK_UNSET_KEY"):
        LibreTranslateEngine(EngineOptions(libretranslate=LibreTranslateOptions(("http://a:1",), api_key_env="STK_UNSET_KEY")))
