"""The patient's name from every place a packet names them: where OCR garbled it in one place
and read it right in others, the spelling written most often wins; a different person's
name never replaces the first one found."""

from __future__ import annotations

from extract_helpers import read_snippet

from extractors.interpret.patient import choose_name
from extractors.models import Evidence

NOTE = "Assessment: COPD, stable. SpO2 93% on room air at rest.\n"


def _ev(page: int) -> Evidence:
    return Evidence(page=page, bbox=(0.0, 0.0, 1.0, 1.0), text="")


def test_the_spelling_written_most_often_wins_over_the_first_garbled_one() -> None:
    text = (f"Patient: Jaines M. Fairhanks   DOB: 03/06/1961\n{NOTE}"
            f"\fPatient: James M. Fairbanks   DOB: 03/06/1961\n{NOTE}"
            f"\fPatient: Fairbanks, James M   DOB: 03/06/1961\n{NOTE}")
    facts = read_snippet(text).facts
    assert facts.patient_name == "James M Fairbanks"
    assert facts.fact_evidence["patient_name"].page == 2


def test_a_first_names_turned_last_by_a_misread_comma_is_outvoted() -> None:
    text = (f"Patient: Carmen T, Van Allien   DOB: 09/22/1964\n{NOTE}"
            f"\fPatient: Van Allen, Carmen T.   DOB: 09/22/1964\n{NOTE}"
            f"\fPatient: Carmen T. Van Allen   DOB: 09/22/1964\n{NOTE}")
    assert read_snippet(text).facts.patient_name == "Carmen T Van Allen"


def test_another_persons_name_never_replaces_the_first_found() -> None:
    text = (f"Patient: Mary A. Jones   DOB: 01/02/1950\n{NOTE}"
            f"\fPatient: Robert Okafor   DOB: 05/05/1949\n{NOTE}"
            f"\fPatient: Robert Okafor   DOB: 05/05/1949\n{NOTE}")
    assert read_snippet(text).facts.patient_name == "Mary A Jones"


def test_a_tie_goes_to_the_spelling_with_the_space_ocr_did_not_lose() -> None:
    assert choose_name([("Irenem Fairbanks", _ev(1)), ("Irene M Fairbanks", _ev(2))]) == \
        ("Irene M Fairbanks", _ev(2))
    assert choose_name([("Irene M Fairbanks", _ev(1)), ("Irenem Fairbanks", _ev(2))]) == \
        ("Irene M Fairbanks", _ev(1))


def test_an_equal_vote_of_equal_spellings_keeps_the_first_and_none_gives_none() -> None:
    assert choose_name([("Ana Ruiz", _ev(1)), ("Ana Ruis", _ev(2))]) == ("Ana Ruiz", _ev(1))
    assert choose_name([]) is None


def test_one_place_found_by_two_rules_is_one_vote() -> None:
    garbled = Evidence(page=1, bbox=(72.4, 73.0, 135.8, 87.7), text="")
    assert choose_name([("Priyaf Tallis", garbled), ("Priyaf Tallis", garbled),
                        ("Priya F Tallis", _ev(2))]) == ("Priya F Tallis", _ev(2))


def test_an_ocr_d_name_misread_by_one_confusable_letter_is_mended() -> None:
    from extractors.interpret.name_lexicon import mend_ocr_name

    assert mend_ocr_name("Syivia M Wexler") == "Sylvia M Wexler"
    assert mend_ocr_name("Polores D Stroud") == "Dolores D Stroud"
    assert mend_ocr_name("Wilma Thisodeaux") == "Wilma Thibodeaux"
    assert mend_ocr_name("NORA E POMBERTON") == "NORA E PEMBERTON"


def test_known_names_unknown_names_and_two_way_slips_are_left_alone() -> None:
    from extractors.interpret.name_lexicon import mend_ocr_name

    assert mend_ocr_name("Alvina Jones") == "Alvina Jones"  # a name itself
    assert mend_ocr_name("Priya Oyelaran") == "Priya Oyelaran"  # unknown, nothing near
    assert mend_ocr_name("Jaines Smith") == "Jaines Smith"  # one letter for two: not mended


def test_only_a_name_read_by_ocr_is_mended() -> None:
    ocr = Evidence(page=1, bbox=(0.0, 0.0, 1.0, 1.0), text="", source="ocr")
    assert choose_name([("Syivia M Wexler", ocr)]) == ("Sylvia M Wexler", ocr)
    assert choose_name([("Syivia M Wexler", _ev(1))]) == ("Syivia M Wexler", _ev(1))


def test_a_real_name_missing_from_the_list_is_not_turned_into_a_listed_one() -> None:
    from extractors.interpret.name_lexicon import lexicon, mend_ocr_name

    lex = lexicon()
    assert "lindqvist" not in lex.family and "lindquist" in lex.common_family
    assert mend_ocr_name("Gloria Lindqvist") == "Gloria Lindqvist"  # u/v: not a fax slip
    # a given name the 1990 lists lack is not made a rare family name ("Liem")
    assert "liam" not in lex.given and "liem" in lex.family
    assert mend_ocr_name("Liam Pruitt") == "Liam Pruitt"
    # a family name given first is read as a given name ("Eimer" for "Elmer")
    assert "eimer" in lex.family and mend_ocr_name("EIMER MABRY") == "ELMER MABRY"
    # a newer given name is not made an old rare one ("Alden", rank 889)
    assert "aiden" not in lex.given and "alden" in lex.given
    assert mend_ocr_name("Aiden Scott") == "Aiden Scott"


def test_a_name_in_two_rows_of_a_slips_table_with_a_misread_label() -> None:
    text = ("BG 400 BLOOD GAS SYSTEM\n05 May 2024 07:49\n"
            "Sample type       Arterial\nPatient ID        740085717\n"
            "Last name         MABRY\nFirat nA          ELMER\n"
            "Operator          RT645\npO2               61 mmHg\n")
    assert read_snippet(text).facts.patient_name == "Elmer Mabry"
