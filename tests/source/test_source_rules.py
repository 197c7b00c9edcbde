"""MT7xx: hand-made bilingual examples, each rule with translations it must flag and correct ones it must not."""

from __future__ import annotations

import pytest

from mtqa.check import check_segments
from mtqa.model import Finding, Segment
from mtqa.rules import all_rules, lookup


def findings(code: str, src: str | None, text: str) -> list[Finding]:
    segment = Segment(id="1", text=text, src=src)
    return next(check_segments([segment], [lookup(code)], running_text=False))[1]


def flagged(code: str, src: str | None, text: str) -> list[str]:
    """What each finding's offsets point at in `text`."""
    return [text[f.start:f.end] for f in findings(code, src, text)]


def test_source_rules_are_silent_without_a_source() -> None:
    for rule in (r for r in all_rules() if r.reads_source):
        assert findings(rule.code, None, "Sales rose by 5.7 percent in 2019; see {nom} and http://x.org.") == []


# MT701 number-mismatch
@pytest.mark.parametrize(("src", "text", "wrong"), [
    ("Der Umsatz stieg 2019 um 7,5 Prozent.", "Sales rose by 5.7 percent in 2019.", "5.7"),
    ("Le sommet a réuni 27 dirigeants européens.", "The summit brought together 72 European leaders.", "72"),
    ("Koosolekul osales 35 inimest.", "35 people attended the meeting in 2019.", "2019"),
    ("В 1998 году компания открыла 14 магазинов.", "In 1989, the company opened 14 stores.", "1989"),
    ("该公司去年招聘了三百名员工。", "The company hired 3,000 employees last year.", "3,000"),
    ("Die Wahl findet am 5. März statt.", "The election will take place on 5 May.", "May"),
    ("La 12 iulie 1474 au semnat un tratat.", "On 12 June 1474 they signed a treaty.", "June"),
    ("Poliitik suri kell 10.35 haiglas.", "The politician died in hospital at 10:45.", "45"),
    ("नेपालमा ३ सय ७५ प्रजातिका सर्प पाईन्छन्।", "There are 385 species of snakes in Nepal.", "385"),
    ("La protesta tuvo lugar en nueve estados.", "The protest took place in six states.", "six"),
    ("Рассказ о трёх подругах.", "A story about two friends.", "two"),
    ("孙德本尔斯的面积为3850平方公里，其中约三分之一为水域。", "Its area is 3,850 square kilometres, five of which are water.",
     "five"),
    # Nepali number words are not read, but the source's 30000 is missing: the 3,000 is a mismatch
    ("ईसापूर्व ३०००० वर्ष पहिले मानिसहरु यहाँ आए।", "People came here 3,000 years BC.", "3,000"),
    ("२०७२ बैशाख १२ गते ३ जना घाइते भए।", "On April 25, 2015, 5 people were injured.", "5"),  # not a day
    ("२०७२ सालको पुस्तकमा ४ अध्याय छन्।", "The 2015 book has chapters from 12 May.", "12"),  # "पुस्तक" is no month
    # a Latin-script source whose number words mtqa does not read (Romanian): a number it lacks is flagged
    ("Au participat trei miniștri.", "Five ministers attended in 2019.", "2019"),
    ("El City no ha logrado clasificarse para octavos de final.", "City have failed to reach the last 32.", "32"),
])
def test_number_mismatch_flags_numbers_and_months_the_source_lacks(src: str, text: str, wrong: str) -> None:
    assert flagged("MT701", src, text) == [wrong]


@pytest.mark.parametrize(("src", "text"), [
    ("Die Inflation lag bei 1.500,5 Punkten.", "Inflation stood at 1,500.5 points."),  # continental vs English
    ("Le stade compte 45 000 places.", "The stadium has 45,000 seats."),  # space grouping
    ("Население выросло на 2,5 млн человек.", "The population grew by 2.5 million people."),  # scale
    ("该市人口为1200万。", "The city has a population of 12 million."),  # 万
    ("Die Sitzung beginnt um 15 Uhr.", "The meeting starts at 3 pm."),  # clock
    ("Er hat drei Kinder.", "He has 3 children."),  # number word in the source
    ("90年代的经济增长很快。", "The economy grew quickly in the 1990s."),  # decade
    ("Das Unternehmen wurde im XIX. Jahrhundert gegründet.", "The company was founded in the 19th century."),
    ("Die G7 trafen sich in Elmau.", "The G7 met in Elmau."),  # glued to letters: a name
    ("Há quatrocentos anos, John Rolfe usou sementes de tabaco.", "Four hundred years ago, John Rolfe used tobacco seeds."),
    ("A união de ambos deu origem à loucura.", "The union of the two gave rise to madness."),  # "ambos"
    ("Kohtumisel osales seitse ministrit.", "Seven ministers attended the meeting."),
    ("Они в 3,5 раза богаче.", "They are three and a half times richer."),
    ("Poliitik suri kell 10.35 haiglas.", "The politician died in hospital at 10:35."),  # a clock with a dot
    ("नेपालमा ३ सय ७५ प्रजातिका सर्प पाईन्छन्।", "There are 375 species of snakes in Nepal."),  # Nepali hundreds
    ("यो एल्बम २ करोड प्रति बिक्री भयो।", "The album sold 20 million copies."),  # crore
    ("२०७२ सालको भुइँचालो विनासकारी थियो।", "The earthquake of 2015 was devastating."),  # Bikram Sambat year
    ("В нём находится половина из четырёх тысяч церквей.", "It has half of the 4,000 churches."),
    ("Затем четверо сотрудников сели на него.", "Then four officers sat on him."),  # collective numeral
    ("Need sümboliseerisid viit mandrit.", "They symbolised five continents."),  # Estonian partitive
    ("47. rügemendi I pataljon jäi positsioonidele.", "The 1st battalion of the 47th regiment held."),
    ("Vara începe pe 22 iunie.", "The summer begins on 22 June."),  # Romanian month
    ("5. oktoobril valiti Wettin kuningaks.", "On 5 October, Wettin was elected king."),  # Estonian case ending
    ("Его приговорили к трём годам колонии.", "He was sentenced to three years in a colony."),  # "ё"
    ("वि.सं.१५६८को अभिलेखमा राजाको नाम छ।", "The records of 1511 name the king."),  # an old Bikram Sambat year
    # Nepali number words are not read: with every source number in the translation, 85 was said in words
    ("सन् २००४ मा पचासी वर्षको उमेरमा उनले अवकाश लिए।", "In 2004, at the age of 85, he retired."),
    ("एकसय तीस जातिका संस्कृति छन्।", "There are cultures of 130 castes."),
    ("२०७२ बैशाख १२ गते भुइँचालो गयो।", "The earthquake struck on April 25, 2015."),  # a Nepali date converted
    # a knockout round named by its share of the draw: the "octavos de final" are the last 16
    ("El City no ha logrado clasificarse para octavos de final.", "City have failed to reach the last 16."),
    ("Bayern scheiterte im Sechzehntelfinale.", "Bayern went out in the round of 32."),
])
def test_number_mismatch_accepts_equal_values_in_other_formats(src: str, text: str) -> None:
    assert flagged("MT701", src, text) == []


# MT702 number-missing
def test_number_missing_marks_the_end_of_the_translation() -> None:
    text = "The project will cost 12 million euros."
    found = findings("MT702", "Le projet coûtera 12 millions d'euros d'ici 2025.", text)
    assert [(f.start, f.end, f.severity.value) for f in found] == [(len(text), len(text), "minor")]
    assert "2025" in found[0].message


@pytest.mark.parametrize(("src", "text"), [
    ("Kohtumisel osales 3 ministrit.", "Three ministers attended the meeting."),  # written as a word
    ("Die Wahl ist am 5.3.2021.", "The election is on March 5, 2021."),  # date parts and month name
    ("会议于3月举行。", "The meeting was held in March."),
])
def test_number_missing_accepts_numbers_written_in_words(src: str, text: str) -> None:
    assert flagged("MT702", src, text) == []


@pytest.mark.parametrize(("src", "text"), [
    ("Neid kahtlustati terroriaktide kavandamises G8 tippkohtumise ajaks.",
     "They were suspected of planning terrorist acts for the G8 summit."),
    ("Ametnikud kinnitasid, et tegu on H5N1 viirusega.", "Officials confirmed that it was the H5N1 virus."),
])
def test_number_missing_accepts_a_code_the_translation_copies(src: str, text: str) -> None:
    assert flagged("MT702", src, text) == []


def test_number_missing_leaves_the_days_of_a_converted_nepali_date() -> None:
    assert flagged("MT702", "२०७२ बैशाख १२ गते भुइँचालो गयो।", "The earthquake struck on April 25, 2015.") == []
    found = findings("MT702", "२०७२ बैशाख १२ गते ३ जना घाइते भए।", "On April 25, 2015, people were injured.")
    assert [f.message for f in found] == ["The source's “३” is missing from the translation"]


def test_number_missing_still_sees_a_number_dropped_beside_a_code() -> None:
    found = findings("MT702", "G8 tippkohtumine toimub 12. juunil.", "The G8 summit takes place in June.")
    assert [f.message for f in found] == ["The source's “12” is missing from the translation"]


# MT703 number-format
@pytest.mark.parametrize(("src", "text", "wrong", "english"), [
    ("Die Inflation lag bei 3,5 Prozent.", "Inflation was 3,5 percent.", "3,5", "3.5"),
    ("Le budget atteint 1 000,5 millions.", "The budget reaches 1 000,5 million.", "1 000,5", "1,000.5"),
    ("Der Verein hat 1.500 Mitglieder.", "The club has 1.500 members.", "1.500", "1,500"),
    ("Inflatsioon oli 2,75 protsenti.", "Inflation was 2,75 percent.", "2,75", "2.75"),
])
def test_number_format_flags_copied_continental_formats(src: str, text: str, wrong: str, english: str) -> None:
    found = findings("MT703", src, text)
    assert [f.text for f in found] == [wrong]
    assert found[0].fixes[0].apply(text) == text.replace(wrong, english)


@pytest.mark.parametrize(("src", "text"), [
    ("Die Inflation lag bei 3,5 Prozent.", "Inflation was 3.5 percent."),
    ("The club has 1.500 members.", "The club has 1.500 members."),  # English source: its own format
    ("该俱乐部有1,500名会员。", "The club has 1,500 members."),
    ("Maanteede kogupikkus on üle 14 000 km.", "The roads are over 14 000 km long."),  # SI grouping reads right
])
def test_number_format_leaves_english_formats_alone(src: str, text: str) -> None:
    assert flagged("MT703", src, text) == []


# MT704 unit-mismatch
@pytest.mark.parametrize(("src", "text", "wrong"), [
    ("Das Ticket kostet 50 €.", "The ticket costs $50.", "50"),
    ("La course fait 42 km.", "The race is 42 miles long.", "42"),
    ("Поезд опоздал на 3 минуты.", "The train was 3 hours late.", "3"),
    ("这台电脑售价5000元。", "This computer costs 5,000 euros.", "5,000"),
])
def test_unit_mismatch_flags_another_unit_for_the_same_number(src: str, text: str, wrong: str) -> None:
    assert flagged("MT704", src, text) == [wrong]


@pytest.mark.parametrize(("src", "text"), [
    ("Das Ticket kostet 50 Euro.", "The ticket costs €50."),
    ("La course fait 42 kilomètres.", "The race is 42 km long."),
    ("Pilet maksab 20 eurot.", "The ticket costs 20 euros."),
    ("Поезд опоздал на 3 минуты.", "The train was 3 minutes late."),
])
def test_unit_mismatch_accepts_the_same_unit_in_other_words(src: str, text: str) -> None:
    assert flagged("MT704", src, text) == []


# MT705 link-mismatch
def test_link_mismatch_flags_an_altered_address_and_marks_the_missing_one() -> None:
    text = "More information at https://example.de/help."
    found = findings("MT705", "Weitere Informationen unter https://example.de/hilfe.", text)
    assert [f.text for f in found] == ["https://example.de/help", ""]


def test_link_mismatch_flags_a_translated_email_address() -> None:
    assert flagged("MT705", "Kirjutage aadressil info@firma.ee.", "Write to info@company.ee.") == \
        ["info@company.ee", ""]


def test_link_mismatch_accepts_addresses_copied_exactly() -> None:
    assert flagged("MT705", "Пишите на info@example.ru или заходите на www.example.ru.",
                   "Write to info@example.ru or visit www.example.ru.") == []


# MT706 placeholder-mismatch
def test_placeholder_mismatch_flags_a_renamed_placeholder() -> None:
    found = findings("MT706", "Bonjour {name}, vous avez {count} messages.", "Hello {nom}, you have {count} messages.")
    assert [f.text for f in found] == ["{nom}", ""]
    assert "{name}" in found[1].message


def test_placeholder_mismatch_flags_a_lost_tag() -> None:
    found = findings("MT706", "Klicken Sie <b>hier</b>, um %s zu öffnen.", "Click here to open %s.")
    assert [f.text for f in found] == [""]
    assert "<b>" in found[0].message and "</b>" in found[0].message


@pytest.mark.parametrize(("src", "text"), [
    ("Klicken Sie <b>hier</b>, um %s zu öffnen.", "Click <b>here</b> to open %s."),
    ("已删除{{count}}个文件。", "Deleted {{count}} files."),
    ("Prix : 10 &euro;", "Price: 10 &euro;"),
])
def test_placeholder_mismatch_accepts_placeholders_carried_over(src: str, text: str) -> None:
    assert flagged("MT706", src, text) == []


# MT707 source-copy
@pytest.mark.parametrize(("src", "text"), [
    ("Der Vertrag wurde gestern in Berlin unterzeichnet.", "Der Vertrag wurde gestern in Berlin unterzeichnet."),
    ("Leping allkirjastati eile Tallinnas.", "leping allkirjastati eile Tallinnas"),
    ("合同昨天在北京签署。", "合同昨天在北京签署。"),
])
def test_source_copy_flags_an_untranslated_segment(src: str, text: str) -> None:
    found = findings("MT707", src, text)
    assert [(f.start, f.end, f.severity.value) for f in found] == [(0, len(text), "critical")]


@pytest.mark.parametrize(("src", "text"), [
    ("iPhone 15 Pro", "iPhone 15 Pro"),  # names and numbers stay the same
    ("The report was published yesterday.", "The report was published yesterday."),  # English source
    ("Le contrat a été signé hier.", "The contract was signed yesterday."),
])
def test_source_copy_accepts_names_and_english_sources(src: str, text: str) -> None:
    assert flagged("MT707", src, text) == []


# MT708 source-language
def test_source_language_flags_a_sentence_left_untranslated() -> None:
    text = "The meeting is cancelled. Die Gespräche gehen weiter."
    assert flagged("MT708", "Das Treffen ist abgesagt. Die Gespräche gehen weiter.", text) == \
        ["Die Gespräche gehen weiter."]


def test_source_language_accepts_english_sentences_with_names() -> None:
    assert flagged("MT708", "Le président a rencontré Jean-Luc Mélenchon à Paris.",
                   "The president met Jean-Luc Mélenchon in Paris.") == []


# MT709 length-ratio
def test_length_ratio_flags_a_translation_that_drops_most_of_the_source() -> None:
    src = "Die Regierung kündigte an, die Steuern im nächsten Jahr deutlich zu senken, um die Wirtschaft zu stützen."
    text = "The government announced."
    assert [(f.start, f.end) for f in findings("MT709", src, text)] == [(len(text), len(text))]


def test_length_ratio_flags_an_empty_translation_as_critical() -> None:
    found = findings("MT709", "Kõik läks hästi.", "  ")
    assert [(f.start, f.end, f.severity.value) for f in found] == [(2, 2, "critical")]


def test_length_ratio_flags_a_chinese_source_with_a_hallucinated_translation() -> None:
    src = "他昨天去了北京开会。"
    text = ("He went to Beijing yesterday for a meeting, and then he went to Shanghai and Guangzhou and "
            "Shenzhen for many more meetings with a great number of people who were all very happy to see him.")
    assert len(findings("MT709", src + "会议很成功。", text)) == 1


@pytest.mark.parametrize(("src", "text"), [
    ("欧盟峰会为难民政策争论，欧盟官员表示接收过程步步瓶颈。",
     "The EU summit argued over refugee policy, and EU officials said the reception process was bottlenecked."),
    ("Valitsus teatas, et langetab järgmisel aastal makse, et toetada majandust.",
     "The government announced that it would cut taxes next year to support the economy."),
    ("Ja.", "Yes."),  # too short to judge
])
def test_length_ratio_accepts_usual_lengths_for_the_pair(src: str, text: str) -> None:
    assert flagged("MT709", src, text) == []


# MT710 source-absent-repetition
def test_repetition_absent_from_source_flags_a_phrase_the_translation_keeps_repeating() -> None:
    src = "欧盟峰会讨论了难民政策。"
    text = ("The EU summit discussed refugee policy, and refugee policy was discussed as refugee policy, "
            "since refugee policy is refugee policy.")
    found = findings("MT710", src, text)
    assert len(found) == 1 and "refugee policy" in found[0].message


def test_repetition_absent_from_source_leaves_back_to_back_loops_to_mt103() -> None:
    assert flagged("MT710", "越南政府总理访问了文莱大学。", "The prime minister visited the University of Bern, Bern, Bern, "
                   "Bern, Bern, Bern.") == []


def test_repetition_absent_from_source_allows_what_the_source_repeats() -> None:
    src = "Wir wollen Frieden, Frieden, Frieden und nochmals Frieden."
    text = "We want peace, more peace, lasting peace and again peace."
    assert flagged("MT710", src, text) == []


# MT606 foreign-word, with a source
def test_foreign_word_quoted_by_the_source_from_a_third_language_is_left_alone() -> None:
    src = ("O lucrare foarte interesată și cea mai neglijată este Systeme de metaphysique implicite dans les "
           "postulats de toute connaissance possible.")
    text = "A very interesting and most neglected work is Systeme de metaphysique implicite dans les postulats de toute connaissance possible."
    assert flagged("MT606", src, text) == []
    copied = "Il est impossible d'échanger de l'argent, alors changez-le avant de partir."
    assert flagged("MT606", copied, "It is impossible to exchange money, alors change it before leaving.") == ["alors"]


# MT201 stranded-preposition, with a source
def test_stranded_preposition_is_left_alone_when_the_source_has_the_same_gap() -> None:
    text = "The country combines a market economy and a comprehensive system of."
    assert flagged("MT201", "Țara menține o economie de piață cu un sistem cuprinzător de .", text) == []
    assert flagged("MT201", "Țara menține o economie de piață cu un sistem cuprinzător de protecție.", text) == ["of"]


# MT711 missing-name
@pytest.mark.parametrize(("src", "text", "span"), [
    ("En 1956, Słania se trasladó a Suecia.", "In 1956, Rajshekhar moved to Sweden.", "Rajshekhar"),
    ("Eighmey und McCord untersuchten die Reaktionen.", "Eighmey and his colleague examined the reactions.", ""),
    ("Le président Macron a rencontré Olaf Scholz à Paris.", "President Macron met the chancellor in Paris.", ""),
    ("Kohtumisel osales ka Angela Merkel.", "Also attending the meeting was Angela.", ""),
    ("Cea mai mare concentrare era în jurul Londrei și a estuarului Tamisei.",
     "The largest concentration was around London and the Severn Estuary.", "Severn"),
    ("Nii nagu Vabastaja seda ilmutas, kirjutas Johannes selle üles.",
     "As it was revealed, Peter wrote it down.", ""),  # another given name is not "John"
])
def test_missing_name_flags_a_dropped_or_swapped_name(src: str, text: str, span: str) -> None:
    assert flagged("MT711", src, text) == [span]


@pytest.mark.parametrize(("src", "text"), [
    ("Als Kind britischer Eltern in Tokio geboren, zog Olivia de Havilland nach Kalifornien.",
     "Born in Tokyo to British parents, Olivia de Havilland moved to California."),  # German nouns, exonyms
    ("Der Bericht erschien in der Frankfurter Allgemeinen Zeitung.", "The report appeared in the Frankfurter Allgemeine."),
    ("US-Präsident Donald Trump schrieb auf Twitter.", "US President Trump wrote on Twitter."),  # given name dropped
    ("Путин встретился с Макроном.", "Putin met Macron."),  # Cyrillic source: no script in common
    ("Sündmusest kirjutas Postimees.", "Postimees wrote about the event."),
    ("Regimul lui Saddam Hussein ar fi ieșit prea slăbit pentru invazia Kuweitului.",
     "Saddam Hussein's regime would have been too weak to invade Kuwait."),  # inflected, spelt the English way
    ("Cea mai mare concentrare era în jurul Londrei și a estuarului Tamisei.",
     "The largest concentration was around London and the Thames Estuary."),
    ("Need sümboliseerisid Maa viit mandrit.", "They symbolised the Earth's five continents."),  # a common word
    ("Kutsus ta ÜROs toimunud tippkohtumisel harmooniale.", "At the summit at the UN, he called for harmony."),
    ("Nii nagu Vabastaja seda ilmutas, kirjutas Johannes selle üles.",
     "As the Liberator had revealed it, John wrote it down."),  # a given name in its English form
    ("Papa Giovanni Paolo II ha visitato Cracovia.", "Pope John Paul II visited Krakow."),
])
def test_missing_name_accepts_names_kept_inflected_or_in_another_script(src: str, text: str) -> None:
    assert flagged("MT711", src, text) == []


# German capitalises every noun: compounds of three or four words, spelt without umlauts, nouns made
# with -ung or -keit, nouns run together, and "Maß" (which wordfreq's English reads as "mass") are no names.
@pytest.mark.parametrize(("src", "text"), [
    ("Kegel werden mit Aussenkegelrollierwerkzeugen gerollt.", "Cones are rolled with external cone tools."),
    ("Wir haben in einigen Schluesselbereichen sogar Probleme.", "In some key areas we even have problems."),
    ("Die neue Leichtmetallrad-Serie setzt Akzente.", "The new light alloy wheel series sets accents."),
    ("Die Entgrünung der Städte schreitet voran.", "The loss of green in cities is advancing."),
    ("Jährliche VeränderungAnteil Lettlands", "Yearly change and share of Latvia"),
    ("Es ist für ihn zunehmend das Maß aller Dinge.", "It is increasingly central to his life."),
    # a rare first part before a common noun: the noun is the word's last part
    ("Die Absaugleiste sitzt hinter der Rüttlerplatte.", "The suction strip sits behind the vibrating plate."),
    ("Danach läuft das Blech durch die Beizerstrecke.", "The sheet then runs through the pickling line."),
])
def test_missing_name_leaves_german_nouns_alone(src: str, text: str) -> None:
    assert flagged("MT711", src, text) == []


@pytest.mark.parametrize(("src", "text"), [
    ("Er war auch mit Younghusband in Tibet.", "He was also in Tibet."),  # "husband" is English, not German
    ("Am Abend sang Rosanna zwei Arien.", "In the evening the soprano sang two arias."),  # ends in a given name
    ("Der Verlag sitzt in der Pinkertstraße.", "The publisher is based in the old town."),  # a street's name
    ("Die Solistin spielte zuletzt unter Peter Sellars.", "The soloist last played under Peter."),
    ("Die Konferenz fand im Sheraton statt.", "The conference took place in the hotel."),
    ("Der Kunde nutzt YouTube und BlackRock.", "The customer uses the platform and the fund."),
])
def test_missing_name_still_sees_names_dropped_from_a_german_source(src: str, text: str) -> None:
    assert flagged("MT711", src, text) == [""]


def test_source_words_are_read_from_wordfreqs_small_list_except_where_the_name_tests_need_rarer_words() -> None:
    """A French word's frequency is the small list's (the same from Zipf 3 up, 0 below: "census", 2.5 in the
    large list); German, which writes compounds as one word and capitalises nouns, keeps the large list's
    rarer words ("marmeladen", 2.7). The small list takes about 1 MB of memory a language, the large 30-100."""
    from wordfreq import zipf_frequency

    from mtqa.nlp.names import source_zipf

    assert source_zipf("gouvernement", "fr") == zipf_frequency("gouvernement", "fr") > 5
    assert zipf_frequency("census", "fr") > 2 and source_zipf("census", "fr") == 0.0
    assert source_zipf("marmeladen", "de") == zipf_frequency("marmeladen", "de") > 2
