/*
 * A stand-in for Vant's field in miniprogram-simulate, which cannot run Vant's templates: it shows
 * the label, the value and the error message as text, so specs can read what the worker sees. Specs
 * type by dispatching `change` (detail: the text) on it, as Vant's field emits.
 */
Component({ properties: { label: String, value: null, errorMessage: String } });
