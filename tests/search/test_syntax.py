from meridian.search.syntax import MAX_QUERY_CHARS, MAX_TERMS, Term, parse


def words(*text):
    return Term(tuple(text))


def test_words_must_all_match():
    query = parse("lower back")
    assert query.groups == ((words("lower"),), (words("back"),))


def test_quoted_phrase_is_one_term():
    assert parse('"lower back" pain').groups == (
        (words("lower", "back"),),
        (words("pain"),),
    )


def test_unbalanced_quote_runs_to_the_end():
    assert parse('pain "lower back').groups == (
        (words("pain"),),
        (words("lower", "back"),),
    )


def test_minus_excludes_words_and_phrases():
    query = parse('sleep -coffee -"late nights"')
    assert query.groups == ((words("sleep"),),)
    assert query.excluded == (words("coffee"), words("late", "nights"))


def test_or_joins_neighbouring_terms():
    query = parse("needles OR acupuncture sleep")
    assert query.groups == (
        (words("needles"), words("acupuncture")),
        (words("sleep"),),
    )


def test_operators_of_the_engines_are_punctuation():
    query = parse("NEAR(back pain) ^title:sleep acu* (x)")
    assert [str(term) for term in query.terms] == [
        '"NEAR back"',
        "pain",
        '"title sleep"',
        "acu",
        "x",
    ]


def test_only_excluded_or_symbols_is_no_query():
    assert not parse("-coffee")
    assert not parse("😀 *** ::: \x00")
    assert not parse("OR OR")


def test_long_input_is_cut_not_refused():
    query = parse("pain " * 1000)
    assert len(query.terms) == 1  # repeated terms count once
    assert len(parse(" ".join(f"w{i}" for i in range(500))).terms) == MAX_TERMS
    assert len(str(parse("x" * 5000))) == MAX_QUERY_CHARS


def test_verb_forms_match_by_prefix_other_words_exactly():
    assert parse("treating").terms[0].is_prefix
    assert parse("Stretched").terms[0].is_prefix
    assert not parse("treatment").terms[0].is_prefix
    assert not parse("bed").terms[0].is_prefix
    assert not parse('"treating pain"').terms[0].is_prefix
