"""Word states from the shared encoder: any choice of layers, one encoder pass per sentence."""

from __future__ import annotations

import numpy as np

from claimcheck import encoder


def test_states_of_chosen_layers_are_slices_of_all_layers() -> None:
    words = ["Clove", "oil", "numbs", "tooth", "pain", "."]
    everything = encoder.word_states([words], tuple(range(7)))[0]
    two = encoder.word_states([words], (3, 6))[0]
    assert everything.shape == (6, 7 * 384)
    assert two.shape == (6, 2 * 384)
    layers = everything.reshape(6, 7, 384)
    assert np.array_equal(two, np.concatenate([layers[:, 3], layers[:, 6]], axis=1))


def test_a_sentence_read_again_is_not_encoded_again(monkeypatch) -> None:
    words = ["Magnesium", "calms", "the", "nervous", "system", "."]
    first = encoder.word_states([words], (6,))[0]
    calls = []
    original = encoder._all_layer_states
    monkeypatch.setattr(
        encoder, "_all_layer_states", lambda s, b: calls.append(s) or original(s, b)
    )
    again = encoder.word_states([words, ["Zinc", "helps", "."]], (6,))
    assert np.array_equal(again[0], first)
    assert calls == [[("Zinc", "helps", ".")]]  # only the new sentence was encoded


def test_layer_means_come_with_the_same_embeddings_as_embed() -> None:
    texts = ["Kratom promotes sleep.", "A much longer sentence about vitamin D and bone health."]
    embeddings, means = encoder.embed_with_layers(texts, (2, 4, 6))
    assert np.allclose(embeddings, encoder.embed(texts), atol=1e-5)
    assert means.shape == (2, 3, 384)
    assert np.allclose(np.linalg.norm(means, axis=-1), 1.0, atol=1e-5)
    assert np.allclose(means[:, 2], embeddings, atol=1e-5)  # the last layer's mean, normalised
