"""The offline language identifiers (mtqa.nlp.language): one model in memory for both."""

from mtqa.nlp import language


def test_the_restricted_identifier_shares_the_full_ones_model():
    full, restricted = language.identifier(restricted=False), language.identifier(restricted=True)
    assert restricted is not full
    assert restricted.tk_output is full.tk_output and restricted.tk_nextmove is full.tk_nextmove
    assert set(restricted.nb_classes) == set(language.IDENTIFIED_LANGUAGES)
    assert len(full.nb_classes) > len(restricted.nb_classes)
    assert language.identifier(restricted=False).nb_classes == full.nb_classes  # not narrowed by the copy


def test_both_identifiers_name_the_language():
    german = "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation angekündigt."
    assert language.identifier(restricted=True).classify(german)[0] == "de"
    assert language.identifier(restricted=False).classify(german)[0] == "de"
    assert language.identify("Guvernul a anunțat luni noi măsuri împotriva inflației.")[0] == "ro"
