"""Closed-class English word lists and the few lexical lookups the rules share.

Open-class knowledge comes from maintained packages: lemminflect (lemmas and parts of speech),
gender-guesser (given names), wordfreq (word frequencies).
"""

from __future__ import annotations

import re
from functools import lru_cache

ARTICLES = frozenset({"a", "an", "the"})
POSSESSIVES = frozenset({"my", "your", "his", "her", "its", "our", "their"})
PERSONAL_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them"})
CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "so", "yet", "because", "although", "though", "while",
                          "whereas", "if", "unless", "that", "than", "whether"})
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "among", "around", "at", "before", "behind",
    "below", "beneath", "beside", "besides", "between", "beyond", "by", "despite", "down", "during", "except",
    "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out", "outside", "over",
    "past", "per", "since", "through", "throughout", "till", "to", "toward", "towards", "under", "underneath",
    "until", "up", "upon", "via", "with", "within", "without",
})
# Prepositions that are also common verb particles or adverbs ("turned on", "gave up", "went in"):
# a sentence may end in them legitimately, so stranding is judged only for the others.
PARTICLES = frozenset({"about", "along", "around", "away", "back", "behind", "by", "down", "in", "inside", "off",
                       "on", "out", "outside", "over", "past", "through", "up", "under", "underneath", "before",
                       "since", "besides", "below", "above", "near", "like", "across", "throughout"})
DETERMINERS = ARTICLES | POSSESSIVES | frozenset({"this", "that", "these", "those", "some", "any", "no", "every",
                                                  "each", "all", "both", "either", "neither", "such"})
# Function words that are never capitalised inside an English sentence unless they start a name or title.
FUNCTION_WORDS = ARTICLES | POSSESSIVES | PREPOSITIONS | CONJUNCTIONS | frozenset(
    {"these", "those", "this", "some", "any", "every", "each", "both", "either", "neither", "such", "him",
     "them", "us", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
     "should", "may", "might", "must", "shall", "not", "also", "very", "which", "who", "whom", "whose", "what",
     "where", "when", "how", "why", "as"})
WH_WORDS = frozenset({"who", "whom", "whose", "which", "what", "where", "when", "why", "how", "whatever",
                      "whoever", "whichever", "that"})
MODALS = frozenset({"will", "would", "can", "could", "should", "may", "might", "must", "shall"})
AUXILIARIES = MODALS | frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
                                  "do", "does", "did", "'s", "’s"})
# Capitalised in English wherever they stand: never a stray capital.
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "christmas", "easter", "ramadan",
})
PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "chancellor", "minister", "premier",
    "senator", "governor", "mayor", "king", "queen", "prince", "princess", "pope", "general", "colonel",
    "captain", "sir", "lady", "lord", "judge", "ambassador", "secretary", "spokesman", "spokeswoman",
    "sheikh", "emir", "patriarch", "bishop", "archbishop", "rabbi", "imam", "coach", "chairman",
    "chairwoman", "director", "leader", "actor", "actress", "singer", "player", "commander", "reverend", "rev",
})
# Titles that give their bearer's gender ("Mr Sunak", "Queen Camilla"); the rest are anyone's.
TITLE_GENDER = {
    "mr": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male", "duke": "male",
    "emperor": "male", "spokesman": "male", "mrs": "female", "ms": "female", "miss": "female",
    "lady": "female", "dame": "female", "queen": "female", "princess": "female", "duchess": "female",
    "empress": "female", "actress": "female", "spokeswoman": "female", "chairwoman": "female",
}

# Words English doubles on purpose ("had had", "that that", "very very", "bye bye").
REDUPLICATIONS = frozenset({
    "had", "that", "is", "very", "really", "no", "yes", "bye", "ha", "ho", "hey", "wow", "well", "oh",
    "far", "many", "much", "too", "tut", "blah", "yeah", "now", "come", "chop", "bang", "knock", "boo",
    "night", "la", "cha", "pom", "tom", "dum", "do", "go", "so", "mm", "hmm", "boom", "pew", "wait",
})
# Words coordinated with themselves on purpose: "again and again", "over and over", "very, very".
ITERATIVE_PAIRS = frozenset({
    "again", "over", "on", "round", "around", "through", "by", "back", "forth", "up", "down", "out", "in", "off",
    "many", "much", "far", "long", "very", "so", "too", "ever", "never", "step", "little", "bit", "side",
})
# Adjectives doubled across a comma for emphasis between a determiner and its noun: "a big, big problem".
EMPHATIC_ADJECTIVES = frozenset({
    "big", "huge", "great", "good", "bad", "old", "long", "little", "tiny", "small", "deep", "dark", "high",
    "low", "hard", "cold", "hot", "slow", "sad", "dear", "poor", "wide",
})
# Quantities said twice for their size, only with "and": "years and years" (but not "years, years").
ITERATIVE_NOUNS = frozenset({
    "years", "hours", "days", "weeks", "months", "decades", "centuries", "ages", "miles", "times", "rows",
    "thousands", "hundreds", "millions", "billions", "dozens", "tons", "layers", "pages", "generations",
})
# Verbs (lemmas) repeated with "and" for how long the action went on: "they talked and talked".
DURATIVE_VERBS = frozenset({
    "talk", "wait", "try", "walk", "run", "cry", "laugh", "search", "think", "work", "dig", "push", "pull",
    "fight", "argue", "climb", "grow", "read", "write", "drive", "swim", "pray", "beg", "knock", "call", "rain",
    "drag", "stare", "watch", "go", "wander", "play", "sing", "dance", "shout", "scream", "weep", "sob", "spin",
    "turn", "roll", "fall", "rise", "circle", "practise", "practice", "struggle", "suffer", "burn",
    "change", "ring", "tick", "pound", "beat", "hammer", "chew", "eat", "drink", "sleep", "rock", "swing", "ramble",
})
# Names that are a word said twice ("Bora Bora"); other capitalised repeats ("Texas Texas") are errors.
REDUPLICATED_NAMES = frozenset({
    "bora", "walla", "pago", "baden", "sing", "sirhan", "duran", "mahi", "talk", "bye", "cha", "tom", "knock",
    "mau", "chin", "yo", "can", "tse", "kuku", "wagga", "kowloon", "bulla", "berri", "ylang", "mai", "aye",
})
# Words of one closed set that English joins into a compound of two of them ("north-east", "centre-left",
# "blue-green"): "the north and north-east" names two regions, not one word twice.
COMPOUNDING_SETS = (
    frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "left", "right",
               "centre", "center", "central", "upper", "lower", "middle", "inner", "outer"}),
    frozenset({"red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black", "white",
               "grey", "gray", "golden", "silver"}),
)
# Frequent English words that are rare as words of other languages written in the Latin script.
ENGLISH_MARKERS = frozenset({"the", "and", "of", "to", "is", "was", "that", "with", "for", "are", "were", "this",
                              "from", "has", "have", "it", "be", "at", "which", "not", "will", "their", "they",
                              "he", "she", "his", "her", "its", "said", "been", "would", "by", "an", "we"})
# Words news repeats in every sentence: they say nothing about whether two sentences say the same.
NEUTRAL_NEWS_WORDS = FUNCTION_WORDS | PERSONAL_PRONOUNS | frozenset(
    {"say", "said", "says", "according", "tell", "told", "add", "added", "also", "part", "own", "hand",
     "other", "however", "more", "than", "then", "there", "here", "just", "only", "even", "still", "again",
     "do", "does", "did", "not", "into", "one", "two", "my", "me"})

# Pronoun case (MT402) and clauses: which form a pronoun takes where, and what opens a clause.
SUBJECT_FORM = {"them": "they", "him": "he", "me": "I", "us": "we"}
OBJECT_FORM = {"its": "it", "their": "them", "your": "you", "my": "me", "our": "us"}
FINITE_AFTER_SUBJECT = frozenset({"want", "wants", "can", "could", "will", "would", "should", "must", "may", "might", "are",
                     "is", "was", "were", "have", "has", "had", "do", "does", "did", "need", "think", "believe",
                     "know", "say", "said", "can't", "won't", "don't", "didn't", "cannot"})
CLAUSE_STARTS = frozenset({"that", "because", "and", "but", "so", "if", "when", "while", "although", ",", "since"})
CLAUSE_OPENERS = frozenset({"and", "but", "while", "whereas", "that", "when", "because", "although"})
# Verbs that report a clause ("said the government had ignored", "told the court that the company had hidden"):
# the reported clause has a subject of its own.
REPORTING_VERBS = frozenset({
    "say", "says", "said", "tell", "tells", "told", "warn", "warns", "warned", "announce", "announces",
    "announced", "add", "adds", "added", "argue", "argues", "argued", "claim", "claims", "claimed", "insist",
    "insists", "insisted", "stress", "stresses", "stressed", "note", "notes", "noted", "rule", "rules", "ruled",
    "believe", "believes", "believed", "think", "thinks", "thought", "explain", "explains", "explained",
    "admit", "admits", "admitted", "confirm", "confirms", "confirmed", "write", "writes", "wrote", "report",
    "reports", "reported", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested", "acknowledge",
    "acknowledges", "acknowledged", "allege", "alleges", "alleged", "conclude", "concludes", "concluded",
    "reply", "replies", "replied", "complain", "complains", "complained", "accept", "accepts", "accepted",
    "deny", "denies", "denied", "fear", "fears", "feared", "hope", "hopes", "hoped", "know", "knows", "knew",
})


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """All lemmas lemminflect knows for `word` (lower-cased), or the word itself."""
    import lemminflect

    found = {lemma.lower() for group in lemminflect.getAllLemmas(word.lower()).values() for lemma in group}
    return frozenset(found or {word.lower()})


@lru_cache(maxsize=65536)
def parts_of_speech(word: str) -> frozenset[str]:
    """Universal POS tags lemminflect allows for `word` (empty when unknown)."""
    import lemminflect

    return frozenset(lemminflect.getAllLemmas(word.lower()))


@lru_cache(maxsize=16384)
def can_be_simple_past(word: str) -> bool:
    """Whether `word` is the simple past of a verb lemminflect knows ("opened", "made", "led"; not "taken",
    "been", nor a base form such as "need")."""
    import lemminflect

    lower = word.lower()
    return any(lower in (lemminflect.getInflection(lemma, "VBD") or ())
               for lemma in lemminflect.getAllLemmas(lower).get("VERB", ()))


def can_be_verb(word: str) -> bool:
    lower = word.lower()
    if lower in AUXILIARIES:
        return True
    return bool(parts_of_speech(lower) & {"VERB", "AUX"})


@lru_cache(maxsize=16384)
def given_name_gender(word: str) -> str | None:
    """'male', 'female' or 'either' when `word` is a common given name, else None."""
    guess = _detector().get_gender(word)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    if guess == "andy":
        return "either"
    return None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of `word` in English (0 when unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# "a" or "an" goes by the sound the next word starts with, which its first letter tells but for these: the
# words "one" and "once" (also as the first part of "one-off"; "onerous" starts with a vowel), and the
# words that start "eu", "ewe" or "oui" ("a European", "a ewe", "a ouija board") or with a silent h.
SAID_WITH_A_CONSONANT = frozenset({"one", "once"})
STARTS_WITH_A_CONSONANT = ("eu", "ewe", "oui")
STARTS_WITH_A_VOWEL = ("hour", "honest", "honor", "honour", "heir")  # "an hour", "an honorary", "an heirloom"
# Letters whose sound the spelling does not tell: "a unit" and "an umbrella", "a hotel" and "an historic",
# "an x-ray" and "a xylophone", "a year" and "Yves".
UNSURE_LETTERS = frozenset("uhxy")
# An English word (wordfreq, and for a lower-case word a part of speech), not an abbreviation read letter by
# letter ("an mpg") or a foreign word ("Frankfurt an der Oder").
KNOWN_WORD_ZIPF = 2.5


def starts_with_vowel_sound(word: str) -> bool | None:
    """Whether `word` (a word or a number) is said with a vowel first; None where its spelling does not tell:
    an acronym or a mixed-case word ("NGO", "iPhone"), a single letter, a word of an unsure letter, a number
    that may start "one" or "eleven", a word English does not list."""
    if word[0].isdigit():
        return True if word[0] == "8" else None if word[0] == "1" else False  # "an 8", "a 1" or "an 11"
    word = re.match(r"[^\W\d_]*", word).group()  # its first part: "one" of "one-off", "hour" of "hour's"
    lower = word.lower()
    if len(word) < 2 or word[1:] != word[1:].lower() or zipf(lower) < KNOWN_WORD_ZIPF \
            or (word.islower() and not parts_of_speech(lower)):  # "Mülheim an der Ruhr"
        return None
    if lower in SAID_WITH_A_CONSONANT or lower.startswith(STARTS_WITH_A_CONSONANT):
        return False
    if lower.startswith(STARTS_WITH_A_VOWEL):
        return True
    return None if lower[0] in UNSURE_LETTERS else lower[0] in "aeio"
