"""Notes, nursing visits, orders, discharge papers and packets: how a careful reader takes the
patient, the values and their circumstances from them (snippets written for these tests)."""

from __future__ import annotations

from extract_helpers import read_snippet, values


def test_patient_name_before_record_number_in_a_banner() -> None:
    text = ("MORRISON, TEODORA K | MRN 5550123 | DOB 02/03/1941 | Admit 03/04/2025\n"
            "History and physical\n"
            "Lungs with scattered crackles.\n")
    assert read_snippet(text).facts.patient_name == "Teodora K Morrison"
    text = ("Orders - Signed\n"
            "Morrison, Teodora K. (MRN 5550123)\n"
            "DOB 02/03/1941 84 y.o. F\n")
    assert read_snippet(text).facts.patient_name == "Teodora K Morrison"


def test_patient_name_label_without_colon_and_split_name_fields() -> None:
    text = ("Lakeside Family Medicine\n"
            "Name Hollis Brandvold      Date 4/2/25\n"
            "Rx home oxygen 2 L/min continuous\n")
    assert read_snippet(text).facts.patient_name == "Hollis Brandvold"
    text = ("Sample type      Arterial\n"
            "Last name        BRANDVOLD\n"
            "First name       HOLLIS\n"
            "pO2              61 mmHg\n")
    assert read_snippet(text).facts.patient_name == "Hollis Brandvold"


def test_infant_label_names_the_patient_not_the_mother() -> None:
    text = ("NICU DISCHARGE SUMMARY\n"
            "Infant: Quarles, Milo T.      Discharged: 06/05/2025\n"
            "Date of birth: 03/18/2025     Mother: Annette Quarles\n")
    facts = read_snippet(text).facts
    assert facts.patient_name == "Milo T Quarles"
    assert facts.date_of_birth == "2025-03-18"


def test_identity_header_row_over_values_and_vitals_grid_below() -> None:
    text = ("SKILLED NURSING VISIT NOTE\n"
            "PATIENT                 DOB          VISIT DATE    TIME IN    EPISODE\n"
            "Brandvold, Hollis M.    02/11/1939   10/14/2025    09:05      2\n"
            "VITAL SIGNS\n"
            "                          BP         HR     SpO2     O2\n"
            "Seated at rest            132/70     80     95%      2 L NC\n"
            "Walking in hallway                   104    87%      2 L NC\n")
    result = read_snippet(text)
    assert result.facts.patient_name == "Hollis M Brandvold"
    assert result.facts.date_of_birth == "1939-02-11"
    got = sorted((m.value, m.setting, m.oxygen, m.flow_lpm, m.date) for m in result.measurements)
    assert got == [(87.0, "exercise", "supplemental", 2.0, "2025-10-14"),
                   (95.0, "rest", "supplemental", 2.0, "2025-10-14")]


def test_equipment_already_in_the_home_is_not_requested() -> None:
    text = ("Home health visit 10/14/2025\n"
            "OXYGEN / EQUIPMENT IN HOME\n"
            "Patient uses a concentrator at night and portable tanks for outings.\n")
    assert read_snippet(text).facts.requested_equipment == []


def test_fractional_infant_flow() -> None:
    text = ("Visit date: 05/02/2025\n"
            "Vitals: HR 132, RR 36, SpO2 96% on 1/8 LPM by nasal cannula.\n")
    assert values(text) == [("spo2", 96.0, "rest", "supplemental", 0.125, "oximetry",
                             "2025-05-02", None)]


def test_value_before_recovering_on_oxygen_is_room_air() -> None:
    text = ("Visit date: 05/02/2025\n"
            "Room air trial: cannula removed; SpO2 fell to 86% within 4 minutes and recovered "
            "on 1/4 LPM.\n")
    got = values(text)
    assert len(got) == 1 and got[0][3] == "room_air" and got[0][4] is None


def test_day_of_life_dates_from_birth() -> None:
    text = ("Infant: Quarles, Milo T.      Discharged: 06/05/2025\n"
            "Date of birth: 03/18/2025     Admitted: 03/18/2025\n"
            "Oxygen challenge: room-air challenge on DOL 74: SpO2 decreased to 86% within "
            "5 minutes.\n")
    got = values(text)
    assert [(g[1], g[3], g[6]) for g in got] == [(86.0, "room_air", "2025-05-31")]
