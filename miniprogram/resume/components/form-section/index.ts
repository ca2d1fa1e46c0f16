/**
 * One section of the resume form: a header the worker taps to open or close it, showing whether the
 * section is complete, and at the bottom of an open section a button to the next one, so the form
 * can be done one short part at a time. The page decides what is open (one section at a time).
 */
type Props = {
  index: NumberConstructor;
  title: StringConstructor;
  /** 'todo' (something is missing), 'done', or 'optional' (nothing required, nothing filled). */
  state: StringConstructor;
  stateText: StringConstructor;
  open: BooleanConstructor;
  /** The next section's title; '' for the last one. */
  next: StringConstructor;
};

type Methods = {
  onToggle(): void;
  onNext(): void;
};

Component<Record<string, never>, Props, Methods, []>({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    index: Number,
    title: String,
    state: String,
    stateText: String,
    open: Boolean,
    next: String,
  },
  methods: {
    onToggle() {
      this.triggerEvent('toggle', { index: this.properties.index });
    },
    onNext() {
      this.triggerEvent('next', { index: this.properties.index });
    },
  },
});
