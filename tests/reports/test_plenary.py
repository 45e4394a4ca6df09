"""The seed check: the demo data reproduces every figure of the T-CY 31st plenary presentation, and the
four renderings (HTML, JSON, XLSX, PPTX) say the same."""

import io
import json

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tests.countries.test_profile import add_rows_for
from tracker.core.cache import cache
from tracker.demo import load_demo
from tracker.extensions import db

PERIOD = {"from": "2024-06-21", "to": "2024-12-10"}
# in the reading order of their names (Cameroon, Côte d'Ivoire, Croatia… Spain), as every format lists them
SEED_RELEASE_COUNTRIES = [
    "ALB",
    "BEN",
    "BGR",
    "CMR",
    "CIV",
    "HRV",
    "FJI",
    "FIN",
    "GEO",
    "ITA",
    "KIR",
    "MKD",
    "PER",
    "PHL",
    "ESP",
]
SENTENCE = (
    "94 delegates (81 in person and 13 online), representing 59 countries (48 Parties and 11 Observers) "
    "and 4 international organisations"
)


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()


def assert_seed_figures(report: dict) -> None:
    assert report["period"] == PERIOD
    assert report["parties"] == 76
    assert report["parties_with_contact_point"] == 76
    assert report["parties_with_multiple_contact_points"] == 12
    assert report["contact_points_by_type"] == {
        "police": 65,
        "security_services": 3,
        "prosecution": 16,
        "ministry_of_justice": 4,
        "cybersecurity": 2,
    }
    assert report["directory_releases"] == {"count": 12, "countries": SEED_RELEASE_COUNTRIES}
    new = {(p["country"], p["institution"]) for p in report["new_contact_points"]}
    assert {iso3 for iso3, _ in new} == {"CIV", "BEN", "KIR", "FJI"}
    assert ("CIV", "BCN-Interpol Abidjan") in new
    assert ("BEN", "Centre National d'Investigations Numériques") in new
    [meeting] = [m for m in report["meetings"] if m["date"] == "2024-10-18"]
    assert (
        meeting["delegates"],
        meeting["in_person"],
        meeting["online"],
        meeting["countries"],
        meeting["parties"],
        meeting["observers"],
        meeting["organisations"],
    ) == (94, 81, 13, 59, 48, 11, 4)
    assert meeting["place"] == "The Hague (Europol)"
    assert meeting["sentence"] == f"At {meeting['place']}: {SENTENCE}"
    assert sorted(meeting["new_member_updates"]) == ["Fiji", "Grenada", "Kiribati", "Tunisia"]
    assert sorted(meeting["good_practices"]) == ["Chile", "Costa Rica", "Ghana", "Philippines"]
    assert len(meeting["conclusions"]) == 5
    assert report["authorities"]["parties"] == 76 and report["authorities"]["provided_input"] == 55
    kinds = {a["kind"] for a in report["activities"]}
    assert {
        "cp_establishment_support",
        "legislation_workshop",
        "accession_workshop",
        "study_visit",
        "regional_meeting",
        "platform",
    } <= kinds
    support = next(a for a in report["activities"] if a["kind"] == "cp_establishment_support")
    assert sorted(support["beneficiaries"]) == ["Cameroon", "Ecuador", "Grenada", "Kiribati"]
    assert sorted(support["contributors"]) == [
        "Armenia",
        "Chile",
        "Colombia",
        "Costa Rica",
        "Czechia",
        "Dominican Republic",
        "Estonia",
        "Peru",
        "Romania",
    ]
    assert set(report["action_items"]) >= {"open", "done"}
    reach = report["reachability"]  # the demo's reachability test of 1 October 2024
    assert set(reach) == {
        "tests",
        "contact_points_tested",
        "answered",
        "answered_within_24h",
        "median_response_minutes",
    }
    assert reach["tests"] == 1
    assert 0 < reach["answered_within_24h"] <= reach["answered"] < reach["contact_points_tested"]


def test_the_seed_figures_on_the_web(client, login_as, demo):
    login_as("viewer")
    response = client.get("/reports/plenary", query_string=PERIOD | {"format": "json"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert_seed_figures(response.get_json())


def test_cli_and_web_give_the_same_object(app, client, login_as, demo):
    login_as("viewer")
    web = client.get("/reports/plenary", query_string=PERIOD | {"format": "json"}).get_json()
    result = app.test_cli_runner().invoke(
        args=["report", "plenary", "--from", PERIOD["from"], "--to", PERIOD["to"], "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == web
    assert_seed_figures(json.loads(result.stdout))


def test_html_follows_the_seed(client, login_as, demo):
    login_as("viewer")
    body = client.get("/reports/plenary", query_string=PERIOD).get_data(as_text=True)
    for text in [
        "12 updated versions shared with the Network",
        "Parties with contact points: 76 of 76",
        "Parties with more than 1 contact point: 12",
        "BCN-Interpol Abidjan",
        SENTENCE,
        "Updates by new members: Fiji, Grenada, Kiribati, Tunisia",
        "55/76 Parties provided input",
        "Latest developments",
        "Capacity building activities",
        "will not</strong> be made publicly",
        "Reachability of the contact points",
        "1 reachability test:",
    ]:
        assert text in body, text


def test_xlsx_has_a_sheet_per_section(client, login_as, demo):
    login_as("viewer")
    response = client.get("/reports/plenary", query_string=PERIOD | {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == [
        "Summary",
        "Contact point types",
        "Directory versions",
        "New contact points",
        "Capacity building",
        "Meetings",
        "Complementary directory",
        "Reachability",
        "Action items",
    ]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Parties to the Convention"] == 76
    assert summary["Directory versions shared with the Network"] == 12
    meetings = list(workbook["Meetings"].iter_rows(min_row=3, values_only=True))
    assert meetings[0][10].endswith(SENTENCE)


def test_pptx_has_native_charts_and_the_same_wording(client, login_as, demo):
    login_as("viewer")
    response = client.get("/reports/plenary", query_string=PERIOD | {"format": "pptx"})
    assert "attachment" in response.headers["Content-Disposition"]
    deck = Presentation(io.BytesIO(response.data))
    texts = " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )
    assert "12 updated versions shared with the Network" in texts and SENTENCE in texts
    assert "55/76 Parties provided input" in texts
    assert "Reachability of the contact points" in texts and "1 reachability test:" in texts
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 4
    values = {tuple(charts[0].plots[0].categories): tuple(charts[0].plots[0].series[0].values)}
    assert values == {
        ("Police", "Prosecution", "Ministry of Justice", "Security services", "Cybersecurity"): (
            65.0,
            16.0,
            4.0,
            3.0,
            2.0,
        )
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2024-12-10", "to": "2024-06-21"}, "ends"),
        ({"from": "21/06/2024"}, "not a date"),
        ({"format": "docx"}, "Unknown format"),
    ],
)
def test_bad_input_is_a_400(client, login_as, query, message):
    login_as("viewer")
    response = client.get("/reports/plenary", query_string=query)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "arguments",
    [
        ["--from", "2024-12-10", "--to", "2024-06-21"],
        ["--from", "not-a-date"],
        ["--format", "docx"],
    ],
)
def test_bad_input_on_the_cli_exits_2_and_leaves_the_file_alone(app, tmp_path, arguments):
    output = tmp_path / "report.pptx"
    output.write_bytes(b"previous")
    result = app.test_cli_runner().invoke(args=["report", "plenary", *arguments, "--output", str(output)])
    assert result.exit_code == 2
    assert output.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pptx"]


def test_cli_writes_pptx_and_xlsx_files(app, tmp_path, demo):
    runner = app.test_cli_runner()
    for fmt in ("pptx", "xlsx"):
        output = tmp_path / f"report.{fmt}"
        result = runner.invoke(
            args=[
                "report",
                "plenary",
                "--from",
                PERIOD["from"],
                "--to",
                PERIOD["to"],
                "--format",
                fmt,
                "--output",
                str(output),
            ]
        )
        assert result.exit_code == 0, result.output
        assert output.read_bytes()[:2] == b"PK"


def test_default_period_starts_after_the_previous_plenary(client, login_as, demo):
    login_as("viewer")
    report = client.get("/reports/plenary?format=json").get_json()
    assert report["period"]["from"] == "2024-06-21"  # the 30th plenary ended on 2024-06-20


def test_report_query_count_does_not_grow_with_the_data(client, login_as, demo, count_queries):
    login_as("viewer")
    cache.clear()  # count the computation, not a cache hit
    with count_queries() as before:
        client.get("/reports/plenary", query_string=PERIOD)
    add_rows_for("FJI", 30)
    cache.clear()
    with count_queries() as after:
        client.get("/reports/plenary", query_string=PERIOD)
    assert len(after) == len(before), (len(before), len(after))
