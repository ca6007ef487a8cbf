"""Decomposition of hand-picked sentences with the real parser (models/parser)."""

from __future__ import annotations

KRATOM_DEPENDENCE = (
    "It works by interacting with opioid receptors in the brain, similar to other sleep "
    "aids, but without the risk of dependence or drowsiness associated with prescription "
    "medications."
)


def _texts(claims) -> list[str]:
    return [c.text for c in claims]


def test_kratom_dependence_sentence_gives_one_negated_claim_per_risk(decompose_text) -> None:
    claims = decompose_text(KRATOM_DEPENDENCE, "kratom")
    by_text = {c.text: c for c in claims}
    assert "Kratom does not cause dependence." in by_text
    assert "Kratom does not cause drowsiness." in by_text
    assert by_text["Kratom does not cause dependence."].negated
    mechanism = [c for c in claims if "opioid receptors" in c.text]
    assert mechanism and not mechanism[0].negated
    assert mechanism[0].text.startswith("Kratom")  # "It" resolved


def test_spans_point_into_the_sentence(decompose_text) -> None:
    for claim in decompose_text(KRATOM_DEPENDENCE, "kratom"):
        assert 0 <= claim.start < claim.end <= len(KRATOM_DEPENDENCE)
        assert claim.span_text
    dependence = next(
        c for c in decompose_text(KRATOM_DEPENDENCE, "kratom") if "dependence" in c.text
    )
    assert KRATOM_DEPENDENCE[dependence.start : dependence.end].startswith("without the risk")


def test_reporting_frame_dropped_and_objects_split(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Research suggests that kratom can help alleviate insomnia and anxiety.", "kratom"
        )
    )
    assert "Kratom helps alleviate insomnia." in claims
    assert "Kratom helps alleviate anxiety." in claims
    assert not any("Research" in c for c in claims)


def test_coordinated_oblique_keeps_its_preposition(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Valerian is safe for children and teens, so I give my son a half dose.", "valerian"
        )
    )
    assert claims[:2] == ["Valerian is safe for children.", "Valerian is safe for teens."]
    assert not any("I give" in c for c in claims)  # a first-person aside is no claim


def test_side_effects_people_report_become_claims_about_the_product(decompose_text) -> None:
    claims = _texts(decompose_text("A few people get headaches or an upset stomach.", "valerian"))
    assert claims == ["Valerian causes headaches.", "Valerian causes an upset stomach."]


def test_pronoun_subject_and_negation(decompose_text) -> None:
    (claim,) = decompose_text("It also did not slow normal age-related memory decline.", "ginkgo")
    assert claim.text.startswith("Ginkgo")
    assert "does not slow" in claim.text
    assert claim.negated


def test_by_gerund_clauses_are_their_own_claims(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Ginkgo improves blood flow to the brain by widening blood vessels and "
            "thinning the blood.",
            "ginkgo",
        )
    )
    assert claims == [
        "Ginkgo improves blood flow to the brain.",
        "Ginkgo widens blood vessels.",
        "Ginkgo thins the blood.",
    ]


def test_existential_no_risk(decompose_text) -> None:
    claims = decompose_text(
        "Probiotics are natural bacteria, so there is no risk of overdose.", "probiotics"
    )
    risk = [c for c in claims if "risk of overdose" in c.text]
    assert risk and risk[0].text == "Probiotics have no risk of overdose." and risk[0].negated


def test_verbless_list_items(decompose_text) -> None:
    assert _texts(decompose_text("Less anxiety", "ginkgo")) == ["Ginkgo reduces anxiety."]
    assert _texts(decompose_text("Protection against Alzheimer's and dementia", "ginkgo")) == [
        "Ginkgo protects against Alzheimer's.",
        "Ginkgo protects against dementia.",
    ]


def test_unparseable_sentence_is_kept_whole(decompose_text) -> None:
    claims = decompose_text("Detox!", "kratom")
    assert len(claims) == 1


def test_result_clause_after_so_is_its_own_claim(decompose_text) -> None:
    claims = _texts(
        decompose_text("Turmeric is a food, so it is completely safe during pregnancy.", "turmeric")
    )
    assert "Turmeric is completely safe during pregnancy." in claims


def test_existential_after_so_names_the_product(decompose_text) -> None:
    claims = decompose_text("It is completely natural, so there is no risk of overdose.", "MMS")
    by_text = {c.text: c for c in claims}
    assert "MMS has no risk of overdose." in by_text  # an acronym takes the singular
    assert by_text["MMS has no risk of overdose."].negated
    # the premise is what it is made of, not a health claim; the conclusion is the claim
    assert "MMS is completely natural." not in by_text


def test_contractions_are_spelled_out_with_the_subject(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "It's just a root, so it's totally safe, even while pregnant.", "ashwagandha"
        )
    )
    # the state it is claimed safe in stays: who the claim is about
    assert "Ashwagandha is totally safe, even while pregnant." in claims
    assert not any("'s" in c for c in claims)


def test_a_belief_passed_on_in_the_first_person_is_a_claim(decompose_text) -> None:
    sentence = (
        "\"It's natural, it's something the body already makes, so I figured it was "
        'completely harmless," said Ashley Moreno, a mother of three in Phoenix.'
    )
    assert "Melatonin is completely harmless." in _texts(decompose_text(sentence, "melatonin"))


def test_an_agency_name_with_and_is_not_split(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "These statements have not been evaluated by the Food and Drug Administration.", "CBD"
        )
    )
    assert claims == [
        "These statements have not been evaluated by the Food and Drug Administration."
    ]


def test_verb_agrees_with_the_subject_that_replaced_a_pronoun(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "They are a completely safe way to knock out a cold in half the time.",
            "zinc nasal gel",
        )
    )
    assert claims[0].startswith("Zinc nasal gel is a completely safe way")
    side_effects = _texts(decompose_text("Some people notice a bad taste.", "zinc lozenges"))
    assert side_effects == ["Zinc lozenges cause a bad taste."]


def test_instructions_are_not_claims_but_their_reasons_are(decompose_text) -> None:
    assert decompose_text("Take it about an hour before bed on an empty stomach.", "kratom") == []
    assert decompose_text("Do not take more than 6 capsules in 24 hours.", "kava") == []
    with_reason = decompose_text(
        "Never go above 5 grams at night, because higher doses act like a stimulant.", "kratom"
    )
    assert any("stimulant" in c.text for c in with_reason)
    risks = _texts(decompose_text("Enjoy deep sleep without the risk of dependence.", "kratom"))
    assert "Kratom does not cause dependence." in risks


def test_reduced_clauses_get_their_copula(decompose_text) -> None:
    derived = _texts(
        decompose_text(
            "Kratom, derived from the tropical plant Mitragyna speciosa, has shown promise in "
            "aiding addiction recovery.",
            "kratom",
        )
    )
    assert "Kratom is derived from the tropical plant Mitragyna speciosa." in derived
    fronted = _texts(
        decompose_text(
            "Often used for its pain-relieving and stimulant effects, kratom offers a unique "
            "profile that differs from traditional medications.",
            "kratom",
        )
    )
    assert "Kratom is often used for its pain-relieving and stimulant effects." in fronted
    past = _texts(
        decompose_text("One product contained more than three times the labeled dose.", "melatonin")
    )
    assert past == ["One product contained more than three times the labeled dose of melatonin."]


def test_a_condition_is_not_a_claim_of_its_own(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Kratom, derived from the tropical plant Mitragyna speciosa, has shown promise in "
            "aiding addiction recovery, particularly when it comes to managing withdrawal "
            "symptoms and cravings.",
            "kratom",
        )
    )
    assert "Kratom has shown promise in aiding addiction recovery." in claims
    assert not any("when" in c or "comes to" in c for c in claims), claims


def test_a_frame_before_the_subject_is_not_the_subject(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "In the context of addiction recovery, a controlled kratom dose for sleep can be "
            "valuable.",
            "kratom",
        )
    )
    assert claims == ["A controlled kratom dose for sleep is valuable."]
    effects = _texts(
        decompose_text(
            "Yet, long-term effects, especially at higher doses, require further investigation.",
            "kratom",
        )
    )
    assert effects == ["Long-term effects require further investigation."]


def test_a_mechanism_named_in_passing_is_its_own_claim(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Kratom offers a unique profile for addiction treatment, managing withdrawal "
            "symptoms and insomnia through its active compound mitragynine's interaction with "
            "opioid receptors.",
            "kratom",
        )
    )
    assert "Mitragynine interacts with opioid receptors." in claims
    assert not any("interaction" in c for c in claims), claims
    assert _texts(
        decompose_text(
            "Ashwagandha lowers stress through its action on the HPA axis.", "ashwagandha"
        )
    ) == ["Ashwagandha lowers stress.", "Ashwagandha acts on HPA axis."]


def test_a_later_it_refers_to_the_first_clause_subject(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Catching measles naturally gives lifelong immunity, and it is far safer than the "
            "vaccine.",
            "vaccines",
        )
    )
    assert "Catching measles naturally is far safer than the vaccine." in claims
    plural = _texts(
        decompose_text(
            "Most flu shots are made with inactivated virus, so they cannot cause the flu.",
            "flu vaccine",
        )
    )
    assert "Most flu shots do not cause the flu." in plural


def test_coordinated_predicates_keep_their_copula(decompose_text) -> None:
    claims = _texts(decompose_text("Ashwagandha is safe and effective for anxiety.", "ashwagandha"))
    assert claims == ["Ashwagandha is safe.", "Ashwagandha is effective for anxiety."]
    hyphenated = _texts(decompose_text("It is completely safe and non-addictive.", "kratom"))
    assert hyphenated == ["Kratom is completely safe.", "Kratom is completely non-addictive."]


def test_the_writers_own_story_is_not_a_claim_but_their_dose_is(decompose_text) -> None:
    story = (
        "I struggled with insomnia for six years and tried everything from white noise machines."
    )
    assert decompose_text(story, "kratom") == []
    assert decompose_text("My anxiety has been through the roof.", "ashwagandha") == []
    dose = _texts(decompose_text("I take 300 mg of a standardized extract daily.", "ashwagandha"))
    assert dose == ["The dose of ashwagandha is 300 mg of a standardized extract daily."]
    product = _texts(decompose_text("Our enteric coating means no fishy aftertaste.", "fish oil"))
    assert product, "a product's 'our' is the product speaking"


def test_an_object_it_is_resolved_too(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Doctors have used it for a century to reduce seizures in children with epilepsy.",
            "the ketogenic diet",
        )
    )
    assert claims == [
        "Doctors have used the ketogenic diet for a century to reduce seizures in children "
        "with epilepsy."
    ]


def test_a_conceded_effect_and_its_restriction_are_two_claims(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Yes, colloidal silver can turn skin blue-grey (a condition called argyria), but "
            "only in people who drink large amounts of crude homemade silver for years.",
            "colloidal silver",
        )
    )
    assert "Colloidal silver turns skin blue-grey." in claims
    assert any(
        c.endswith("only in people who drink large amounts of crude homemade silver for years.")
        for c in claims
    )
    assert not any("condition called" in c for c in claims)  # a bracketed naming aside


def test_a_where_clause_is_its_own_claim_about_the_products_particles(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Our nano-sized particles are small enough to pass easily into your cells, where "
            "they disable the enzymes that bacteria, viruses and fungi need to survive.",
            "colloidal silver",
        )
    )
    assert "Colloidal silver particles are small enough to pass easily into the cells." in claims
    assert "Colloidal silver particles disable the enzymes that bacteria need to survive." in claims
    assert not any("where" in c for c in claims)


def test_a_condition_with_you_stays_and_an_unowned_effect_gets_its_cause(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Our ultra-fine particles are flushed out of the body, and any discoloration "
            "fades once you stop taking it.",
            "colloidal silver",
        )
    )
    assert "Colloidal silver particles are flushed out of the body." in claims
    fades = next(c for c in claims if "fades" in c)
    assert fades.startswith("Any discoloration from colloidal silver fades once")
    assert fades.endswith("stop taking colloidal silver.")


def test_thousands_keep_their_digits(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Most of those children had no symptoms, but more than 4,000 were hospitalized.",
            "melatonin",
        )
    )
    assert "More than 4,000 were hospitalized." in claims


def test_a_counted_group_replaces_them_and_the_fronted_frame_goes(decompose_text) -> None:
    claims = decompose_text(
        "When researchers tested 25 melatonin gummy brands in a study published in JAMA in "
        "2023, 22 of them did not contain the amount listed on the label.",
        "melatonin",
    )
    assert [c.text for c in claims] == [
        "22 of 25 melatonin gummy brands do not contain the amount listed on the label."
    ]
    assert claims[0].negated


def test_an_apposition_the_parser_broke_stays_out_of_the_subject(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Melatonin, a hormone the brain releases when it gets dark, is now one of the "
            "most popular sleep aids in American homes.",
            "melatonin",
        )
    )
    assert claims == ["Melatonin is now one of the most popular sleep aids in American homes."]


def test_a_subject_is_what_it_is_called(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "This state, called ketosis, turns your body into a fat-burning machine.", "keto"
        )
    )
    assert claims == ["Ketosis turns the body into a fat-burning machine."]


def test_an_instruction_that_measures_a_dose_is_a_dosing_claim(decompose_text) -> None:
    assert _texts(
        decompose_text("Mix 10 grams (one scoop) into any drink once a day.", "collagen")
    ) == ["Recommended use of collagen: mix 10 grams (one scoop) into any drink once a day."]
    # a count of the product's own pills is the label's direction, not a claim
    assert decompose_text("Take two softgels daily with a meal.", "fish oil") == []


def test_an_instruction_under_a_condition_is_not_a_claim(decompose_text) -> None:
    assert (
        decompose_text(
            "If a child swallows a large amount, call Poison Control at 1-800-222-1222.",
            "melatonin",
        )
        == []
    )


def test_a_relative_clause_on_an_apposition_is_about_the_noun_it_describes(
    decompose_text,
) -> None:
    claims = _texts(
        decompose_text(
            "On top of that, vaccines are full of mercury, a neurotoxin that builds up in the "
            "brain and causes autism.",
            "MMR vaccine",
        )
    )
    assert "Vaccines are full of mercury." in claims
    assert "Mercury builds up in the brain." in claims
    assert "Mercury causes autism." in claims  # the relative clause's conjuncts split too


def test_a_second_verb_tagged_as_a_noun_is_its_own_claim(decompose_text) -> None:
    claims = _texts(decompose_text("It relieves chronic pain and reduces inflammation.", "CBD"))
    assert claims == ["CBD relieves chronic pain.", "CBD reduces inflammation."]


def test_another_is_another_of_what_the_first_clause_counted(decompose_text) -> None:
    claims = decompose_text(
        "One product contained more than three times the labeled dose, and another "
        "contained no melatonin at all.",
        "melatonin",
    )
    assert [c.text for c in claims] == [
        "One product contained more than three times the labeled dose.",
        "Another product contained no melatonin at all.",
    ]
    assert claims[1].negated


def test_of_them_is_the_plural_named_before_and_the_verb_agrees(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Some of the small trials do show less stress and anxiety compared to placebo, "
            "but most of them were short and funded by supplement makers.",
            "ashwagandha",
        )
    )
    # the comparison and its "less" belong to both conjuncts
    assert "Some of the small trials do show less stress compared to placebo." in claims
    assert "Some of the small trials do show less anxiety compared to placebo." in claims
    assert "Most of the small trials are funded by supplement makers." in claims


def test_a_reason_with_its_own_subject_is_a_claim_of_its_own(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "It is traditionally avoided in pregnancy because it may cause miscarriage.",
            "ashwagandha",
        )
    )
    assert claims == [
        "Ashwagandha is traditionally avoided in pregnancy.",
        "Ashwagandha causes miscarriage.",
    ]


def test_a_contraction_and_a_fronted_frame_in_an_existential(decompose_text) -> None:
    claims = decompose_text(
        "Psilocybin is not addictive, and at microdoses there's zero risk of a bad trip.",
        "psilocybin",
    )
    assert [c.text for c in claims] == [
        "Psilocybin is not addictive.",
        "Psilocybin has zero risk of a bad trip at microdoses.",
    ]
    assert all(c.negated for c in claims)


def test_the_means_of_an_effect_stays_in_its_claim(decompose_text) -> None:
    # "by switching" hangs on the report as parataxis in our parse; it is how, not a claim
    claims = _texts(
        decompose_text(
            "Users report losing up to 10 pounds in the first month just by switching their water.",
            "alkaline water",
        )
    )
    assert claims == [
        "Users report losing up to 10 pounds in the first month just by switching their water."
    ]


def test_a_fronted_frame_without_comma_follows_the_predicate(decompose_text) -> None:
    texts = _texts(decompose_text("Over time they build up in your liver.", "toxins"))
    assert texts == ["Toxins build up in the liver over time."]
    texts = _texts(decompose_text("In 2019 the FDA warned consumers about kratom.", "kratom"))
    assert texts == ["The FDA warned consumers about kratom in 2019."]


def test_an_it_that_names_the_product_before_an_infinitive_or_result(decompose_text) -> None:
    safe = decompose_text("It is safe to combine with diabetes medications.", "berberine")
    assert _texts(safe) == ["Berberine is safe to combine with diabetes medications."]
    weeks = decompose_text("It takes about four weeks to feel the full effect.", "St. John's wort")
    assert _texts(weeks) == ["St. John's wort takes about four weeks to feel the full effect."]
    so_safe = _texts(decompose_text("It's so safe that we give it to our toddler.", "raw milk"))
    assert so_safe[0].startswith("Raw milk is so safe")


def test_an_extraposed_infinitive_is_not_the_subject(decompose_text) -> None:
    claims = _texts(decompose_text("It is easy to measure the wrong amount.", "ivermectin"))
    assert claims == ["It is easy to measure the wrong amount of ivermectin."]


def test_the_product_a_gerund_subject_acts_on_is_named(decompose_text) -> None:
    claims = decompose_text("Taking it before bed may help you fall asleep faster.", "magnesium")
    assert _texts(claims) == ["Taking magnesium before bed helps people fall asleep faster."]


def test_a_gerund_after_says_is_the_subject_of_the_verb_after_it(decompose_text) -> None:
    claims = decompose_text(
        "A review found that eating more linoleic acid did not raise markers of inflammation.",
        "seed oils",
    )
    assert _texts(claims) == ["Eating more linoleic acid does not raise markers of inflammation."]
    assert claims[0].negated


def test_a_passive_after_a_dropped_modal_keeps_its_copula(decompose_text) -> None:
    claims = _texts(decompose_text("Children should never be given aspirin.", "aspirin"))
    assert claims == ["Children are not given aspirin."]
    assert _texts(decompose_text("Pellets can be harmful.", "hormone pellets")) == [
        "Pellets are harmful."
    ]


def test_what_negates_a_claim_and_what_only_limits_or_names(decompose_text) -> None:
    def negated(sentence: str, entity: str) -> bool:
        return decompose_text(sentence, entity)[0].negated

    assert negated("Kava is non-habit forming.", "kava")
    assert negated("Antibiotics do nothing against cold viruses.", "antibiotics")
    assert negated("Brown eggs are no more nutritious than white ones.", "eggs")
    assert not negated("Adults should eat no more than 70 grams of red meat a day.", "red meat")
    assert not negated("Coffee drinkers lived longer than non-drinkers.", "coffee")
    assert not negated("The kidneys keep blood pH steady, no matter what people drink.", "pH")
    assert not negated("The FDA has warned consumers not to drink MMS.", "MMS")
    assert not negated("The panel recommends that adults not start aspirin.", "aspirin")
    assert negated("Aspirin does not prevent a first stroke in older adults.", "aspirin")
    assert not negated("Sixteen hours without food is all it takes to detox the body.", "fasting")
    assert negated("The gummies are free of side effects.", "biotin")


def test_words_in_is_are_singular_and_a_share_of_a_plural_is_plural(decompose_text) -> None:
    assert _texts(decompose_text("It is completely safe.", "Cannabis")) == [
        "Cannabis is completely safe."
    ]
    from claimcheck.detect.realise import is_plural_text

    assert is_plural_text("80% of Americans")
    assert not is_plural_text("cannabis")


def test_which_after_a_plural_it_disagrees_with_is_the_whole_event(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "It works by blocking NMDA receptors, which sets off a burst of glutamate activity "
            "and helps brain cells form new connections.",
            "ketamine",
        )
    )
    assert "Ketamine sets off a burst of glutamate activity." in claims
    assert "Ketamine helps brain cells form new connections." in claims


def test_graded_list_items_keep_their_own_verbs(decompose_text) -> None:
    assert _texts(decompose_text("Flatter tummy and less bloating", "detox tea")) == [
        "Detox tea gives flatter tummy.",
        "Detox tea reduces bloating.",
    ]
    assert _texts(decompose_text("Visibly thicker hair in as little as 30 days", "biotin")) == [
        "Biotin gives visibly thicker hair in as little as 30 days."
    ]


def test_a_relative_clause_in_a_list_item_stays_with_its_noun(decompose_text) -> None:
    claims = _texts(
        decompose_text("Safe for teens and for women who are pregnant or breastfeeding.", "biotin")
    )
    assert claims == [
        "Biotin is safe for teens.",
        "Biotin is safe for women who are pregnant or breastfeeding.",
    ]


def test_an_object_it_is_not_the_subject_itself(decompose_text) -> None:
    claims = _texts(
        decompose_text("Acne is really a gut problem, and probiotics fix it.", "probiotics")
    )
    assert "Probiotics fix acne." in claims


def test_an_age_limit_belongs_to_the_noun_before_it(decompose_text) -> None:
    claims = _texts(
        decompose_text("Olive oil is safe for children and people over 60.", "olive oil")
    )
    assert claims == ["Olive oil is safe for children.", "Olive oil is safe for people over 60."]


def test_a_report_carried_by_a_participle_is_the_claim(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Some clinic websites go further, promising that ketamine has no side effects.",
            "ketamine",
        )
    )
    assert claims == ["Ketamine has no side effects."]


def test_a_risk_people_run_by_doing_something_is_the_activitys(decompose_text) -> None:
    claims = decompose_text(
        "Most healthy adults can eat up to 7 eggs a week without raising their risk of "
        "heart disease.",
        "eggs",
    )
    by_text = {c.text: c for c in claims}
    denied = "Eating up to 7 eggs a week does not raise the risk of heart disease."
    assert denied in by_text, list(by_text)
    assert by_text[denied].negated
    assert "Most healthy adults eat up to 7 eggs a week." in by_text


def test_what_a_product_is_made_of_is_not_the_claim_its_conclusion_is(decompose_text) -> None:
    claims = _texts(decompose_text("Kratom is a plant, so it is far gentler than pills.", "kratom"))
    assert claims == ["Kratom is far gentler than pills."]


def test_how_a_product_is_made_is_not_a_health_claim(decompose_text) -> None:
    assert _texts(decompose_text("Vegan, gluten-free and made in the USA", "CBD")) == []
    claims = _texts(
        decompose_text(
            "It dissolves instantly and is third-party tested for heavy metals.", "collagen"
        )
    )
    assert claims == []
    assert _texts(decompose_text("Non-addictive, with zero known side effects", "CBD")) == [
        "CBD is non-addictive.",
        "CBD has zero known side effects.",
    ]


def test_age_old_use_is_history_unless_it_names_an_effect(decompose_text) -> None:
    history = "Turmeric has been a staple of Ayurvedic medicine for thousands of years."
    assert _texts(decompose_text(history, "turmeric")) == []
    effect = "Kava has been used for centuries to ease anxiety."
    assert _texts(decompose_text(effect, "kava")) == [effect]


def test_someone_elses_story_is_an_anecdote_unless_it_measures_an_effect(decompose_text) -> None:
    story = "My aunt has been eating kernels for eight months and says she has never felt better."
    assert _texts(decompose_text(story, "apricot kernels")) == []
    measured = "One reader told us she dropped 15 pounds in a month on a hard-boiled egg diet."
    assert _texts(decompose_text(measured, "eggs")) != []


def test_what_a_product_lets_the_reader_do_is_its_claim(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "This root wakes up white blood cells, so your body can fight off viruses faster.",
            "echinacea",
        )
    )
    assert "Echinacea helps the body fight off viruses faster." in claims
    claims = _texts(decompose_text("It calms the mind so you can drift off naturally.", "valerian"))
    assert "Valerian helps people drift off naturally." in claims


def test_a_negative_instruction_after_so_is_not_a_claim(decompose_text) -> None:
    claims = _texts(
        decompose_text("It can add to the effects of alcohol, so don't mix them.", "valerian")
    )
    assert claims == ["Valerian adds to the effects of alcohol."]


def test_what_people_take_measured_is_the_usual_dose(decompose_text) -> None:
    claims = _texts(
        decompose_text("Most people take 400-900 mg of root extract before bed.", "valerian")
    )
    assert claims == ["The usual dose of valerian is 400-900 mg of root extract before bed."]
    claims = _texts(
        decompose_text(
            "Most labels suggest 300 mg of extract three times a day.", "St. John's wort"
        )
    )
    assert claims == [
        "The suggested dose of St. John's wort is 300 mg of extract three times a day."
    ]


def test_an_amount_with_no_substance_is_the_products(decompose_text) -> None:
    def texts(sentence: str) -> list[str]:
        return _texts(decompose_text(sentence, "magnesium"))

    assert "Most adults do well with 200-400 mg of magnesium a day." in texts(
        "Most adults do well with 200-400 mg a day."
    )
    assert texts("Experts estimate that 80% of Americans are deficient.") == [
        "80% of Americans are deficient in magnesium."
    ]
    # an amount that says whose, or is only part of a name, is left alone
    assert texts("Most adults do well with 300 mg of glycinate a day.") == [
        "Most adults do well with 300 mg of glycinate a day."
    ]
    assert texts("Patients drew the intended dose from multi-dose vials.") == [
        "Patients drew the intended dose of magnesium from multi-dose vials."
    ]
    assert texts("Magnesium is safe at 300 mg a day.") == ["Magnesium is safe at 300 mg a day."]


def test_a_later_clause_with_its_own_subject_keeps_its_object(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Remedies are diluted again and again, and each dilution actually makes them stronger.",
            "homeopathy",
        )
    )
    assert claims[0] == "Remedies are diluted again and again."


def test_a_number_after_or_is_one_estimate(decompose_text) -> None:
    claims = _texts(
        decompose_text("Many patients return for booster infusions every month or two.", "ketamine")
    )
    assert claims == ["Many patients return for booster infusions every month or two."]


def test_what_people_do_without_is_no_risk_avoided(decompose_text) -> None:
    claims = decompose_text(
        "Good news for people who can't start the day without a cup: moderate coffee drinking "
        "is linked to a lower risk of early death.",
        "coffee",
    )
    assert not any("cup" in c.text and c.negated for c in claims)


def test_a_coordinated_predicate_noun_is_a_clause_of_its_own(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "The drug was approved as an anesthetic in 1970 and has been a fixture of operating "
            "rooms ever since.",
            "ketamine",
        )
    )
    assert claims == [
        "Ketamine was approved as an anesthetic in 1970.",
        "Ketamine has been a fixture of operating rooms ever since.",
    ]


def test_an_object_it_means_the_thing_named_before(decompose_text) -> None:
    enamel = _texts(
        decompose_text(
            "Fluoride strengthens tooth enamel and makes it more resistant to acid from bacteria.",
            "fluoridation",
        )
    )
    assert "Fluoride makes tooth enamel more resistant to acid from bacteria." in enamel
    inflammation = _texts(
        decompose_text(
            "Chronic inflammation drives almost every modern disease, and curcumin shuts it down "
            "at the molecular level.",
            "turmeric",
        )
    )
    assert any("chronic inflammation down" in c for c in inflammation)
    nosodes = _texts(
        decompose_text(
            "We use homeopathic nosodes instead of vaccines, and they are a gentler way to build "
            "immunity.",
            "homeopathy",
        )
    )
    assert "Homeopathic nosodes are a gentler way to build immunity." in nosodes


def test_an_ingredient_line_is_no_claim_but_a_dose_for_a_purpose_is(decompose_text) -> None:
    assert decompose_text("13.3 mg zinc from zinc acetate", "zinc") == []
    assert decompose_text("50 mg vitamin C and slippery elm bark", "zinc") == []
    assert decompose_text(
        "1,000 mg of vitamin C every day from September to April to keep the flu away.",
        "elderberry",
    )


def test_a_participle_keeps_the_objects_the_parser_hung_beside_it(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Colloidal silver is nature's own antibiotic, killing bacteria, viruses and fungi on "
            "contact.",
            "colloidal silver",
        )
    )
    for microbe in ("bacteria", "viruses", "fungi"):
        assert f"Colloidal silver kills {microbe}." in claims


def test_a_second_who_clause_describes_the_same_people(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "It has only ever been reported in people who drank crude homemade silver made with "
            "table salt, or who took many times the recommended amount.",
            "colloidal silver",
        )
    )
    assert not any(c.startswith("Who ") for c in claims)


def test_mild_side_effects_named_by_example(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "She said side effects of the vaccine are usually mild, such as a sore arm, a low "
            "fever or a brief rash.",
            "MMR vaccine",
        )
    )
    assert claims == [
        "The vaccine causes a sore arm.",
        "The vaccine causes a low fever.",
        "The vaccine causes a brief rash.",
    ]


def test_the_writers_doubt_asserts_nothing(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Can't say if it's the vitamin C or just luck, but I got through my last two races "
            "without getting sick.",
            "vitamin C",
        )
    )
    assert not any(c.startswith("Vitamin C does not say") for c in claims)


def test_an_and_inside_a_number_coordinates_nothing(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "A 2012 review of 17 randomized trials found that zinc shortened colds by about two "
            "and a half days in adults.",
            "zinc",
        )
    )
    assert claims == ["Zinc shortens colds by about two and a half days in adults."]


def test_an_opening_gerund_before_she_said_is_the_subject(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Taking the capsules on an empty stomach, as Whitfield did, sharply raises the amount "
            "of EGCG that reaches the bloodstream, she said.",
            "EGCG",
        )
    )
    assert claims[0].startswith("Taking the capsules on an empty stomach")


def test_a_reported_finding_reads_in_the_present_unless_dated(decompose_text) -> None:
    found = _texts(
        decompose_text(
            "A 2012 review of 17 randomized trials found that zinc shortened colds by about two "
            "and a half days in adults.",
            "zinc",
        )
    )
    assert found == ["Zinc shortens colds by about two and a half days in adults."]
    dated = _texts(
        decompose_text(
            "County records show that 81% of kindergartners had both MMR doses last school year.",
            "MMR vaccine",
        )
    )
    assert dated == ["81% of kindergartners had both MMR doses last school year."]


def test_a_shared_than_phrase_goes_with_every_comparative(decompose_text) -> None:
    claims = _texts(decompose_text("Elderberry is cheaper and gentler than Tamiflu.", "elderberry"))
    assert claims == ["Elderberry is cheaper than Tamiflu.", "Elderberry is gentler than Tamiflu."]


def test_the_writers_own_this_is_my_is_no_claim(decompose_text) -> None:
    claims = decompose_text(
        "This is my third cold since October and I'm running out of sick days at work.",
        "vitamin C",
    )
    assert not any("third cold" in c.text for c in claims)


def test_a_hyphenated_conjunct_is_still_a_conjunct(decompose_text) -> None:
    claims = _texts(
        decompose_text(
            "Because silver is a pure mineral, NobleMist is completely safe, non-toxic and free "
            "of side effects.",
            "colloidal silver",
        )
    )
    assert len(claims) == 3 and claims[1].endswith("non-toxic.")
