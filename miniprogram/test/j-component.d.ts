/** j-component's runtime has these (src/render/component.js); its typings leave them out. */
import 'j-component';

declare module 'j-component' {
  interface Component<TData, TProperty, TMethod> {
    addEventListener(eventName: string, handler: (event: { detail: unknown }) => void, capture?: boolean | { capture?: boolean }): void;
    removeEventListener(eventName: string, handler: (event: { detail: unknown }) => void, capture?: boolean | { capture?: boolean }): void;
  }
}
