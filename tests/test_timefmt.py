from datetime import UTC, datetime

from monitor.items import PublishDate
from monitor.timefmt import SHANGHAI, format_published, format_timestamp, parse_cli_date


def test_timestamp_is_shown_in_shanghai_with_offset() -> None:
    assert format_timestamp(datetime(2022, 11, 14, 1, 30, tzinfo=UTC)) == "2022-11-14T09:30:00+08:00"
    assert format_timestamp(None) is None


def test_published_printed_to_its_precision() -> None:
    value = datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI)
    assert format_published(PublishDate(value, "day")) == "2022-11-14"
    assert format_published(PublishDate(value, "month")) == "2022-11"
    assert format_published(PublishDate(value, "year")) == "2022"
    assert format_published(PublishDate(value, "minute")) == "2022-11-14T09:30:00+08:00"
    assert format_published(None) is None


def test_day_precision_keeps_the_local_day() -> None:
    # Midnight in Shanghai is the previous day in UTC: the local day must be printed.
    value = datetime(2022, 11, 14, 0, 0, tzinfo=SHANGHAI).astimezone(UTC)
    assert format_published(PublishDate(value, "day")) == "2022-11-14"


def test_cli_dates_are_shanghai_when_naive() -> None:
    assert parse_cli_date("2022-11-14").utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
