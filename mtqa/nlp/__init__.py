"""The language layer under the rules: tokens and sentences, numbers, units, links and placeholders,
language identification, people and names, the document content index, n-grams, spelling variants and
the lexicon. Rules ask these modules about English (and the source); nothing here knows about rules."""
