"""Settings come from the environment, with defaults, and refuse unusable values."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.services import DEFAULT_MAX_FILE_BYTES
from oversight.settings import DEFAULT_DATABASE_URL, Settings, SettingsError, get_settings


def test_defaults_when_the_environment_is_silent() -> None:
    settings = get_settings({})
    assert settings == Settings()
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///oversight.db"
    assert settings.max_file_bytes == DEFAULT_MAX_FILE_BYTES


def test_values_from_the_environment() -> None:
    settings = get_settings(
        {"OVERSIGHT_DATABASE_URL": " postgresql+psycopg://u@h/db ", "OVERSIGHT_MAX_FILE_MB": "5"}
    )
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.max_file_bytes == 5 * 1024 * 1024


def test_process_environment_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_DATABASE_URL", "sqlite:///elsewhere.db")
    assert get_settings().database_url == "sqlite:///elsewhere.db"


@pytest.mark.parametrize("value", ["lots", "0", "-3"])
def test_unusable_size_limit_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="OVERSIGHT_MAX_FILE_MB"):
        get_settings({"OVERSIGHT_MAX_FILE_MB": value})


def test_topics_file_must_exist(tmp_path: Path) -> None:
    own = tmp_path / "topics.toml"
    own.write_text('[topics.x]\nlabel = "X"\nwords = ["x"]\n', encoding="utf-8")
    assert get_settings({"OVERSIGHT_TOPICS_FILE": str(own)}).topics_file == own
    with pytest.raises(SettingsError, match="OVERSIGHT_TOPICS_FILE"):
        get_settings({"OVERSIGHT_TOPICS_FILE": str(tmp_path / "missing.toml")})
