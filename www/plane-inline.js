// Plane Inline's embeddable widget: defines <plane-inline-editor> and <plane-inline-table>.
//
//   <script type="module" src="https://intranet.example/plane-inline/plane-inline.js"></script>
//   <plane-inline-editor api-base="https://intranet.example/plane-proxy" workspace="acme"
//                        work-item="WEB-12" theme="auto"></plane-inline-editor>
//   <plane-inline-table api-base="https://intranet.example/plane-proxy" workspace="acme"
//                       project="WEB"></plane-inline-table>
//
// The panel itself is Rust (Leptos) compiled to wasm; this file is only the custom element the
// browser requires. `api-base` is a Plane Inline proxy that adds the API key on the server side:
// there is deliberately no `key` attribute. Events: `plane-inline:saved` and
// `plane-inline:error` (bubbling, composed), with the saved value or the problem as `detail`.
import init, { mountEditor, mountTable, pacing, panelStyle } from './pkg/plane_inline_widget.js';

const ready = init({ module_or_path: new URL('./pkg/plane_inline_widget_bg.wasm', import.meta.url) });

// One constructed style sheet for every editor: no inline <style>, so a strict `style-src` is fine.
const style = ready.then(() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(panelStyle());
  return sheet;
});

/** How the requests of the editors using `apiBase` are paced (one scheduler per API base). */
export async function editorPacing(apiBase) {
  await ready;
  return pacing(apiBase);
}

// What both elements share: an open shadow root with the adopted style sheet, mounting once the
// wasm is ready (again when an attribute they cannot change in place changes), the events, and
// unmounting when taken out of the page. Subclasses say how to mount (`mountView`) and may
// change an attribute in place (`changeInPlace`, true when done).
class PlaneInlineElement extends HTMLElement {
  #container = null;
  #view = null;
  #mounting = null;

  /** The options every element reads from its attributes: where, which workspace, which theme. */
  sharedOptions() {
    return {
      apiBase: this.getAttribute('api-base') ?? '',
      appBase: this.getAttribute('app-base') ?? undefined,
      workspace: this.getAttribute('workspace') ?? '',
      theme: this.getAttribute('theme') ?? 'auto',
    };
  }

  connectedCallback() {
    if (!this.#container) {
      // The shadow root keeps the page's styles and the panel's apart. It is open: the page
      // that embeds the widget owns it, and there is no secret in it.
      const shadow = this.attachShadow({ mode: 'open' });
      this.#container = document.createElement('div');
      shadow.append(this.#container);
      style.then((sheet) => {
        shadow.adoptedStyleSheets = [sheet];
      });
    }
    this.#mount();
  }

  disconnectedCallback() {
    this.#view?.unmount();
    this.#view = null;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#view || before === after) return;
    if (this.changeInPlace(this.#view, name, after)) return;
    this.#view.unmount();
    this.#view = null;
    this.#mount();
  }

  changeInPlace() {
    return false;
  }

  async #mount() {
    if (this.#mounting) return this.#mounting;
    this.#mounting = (async () => {
      await ready;
      if (!this.isConnected || this.#view) return;
      const emit = (type) => (detail) =>
        this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      try {
        this.#view = this.mountView(this.#container, emit('plane-inline:saved'), emit('plane-inline:error'));
      } catch (error) {
        this.#container.textContent = String(error.message ?? error);
        emit('plane-inline:error')({ problem: 'bad_message', detail: String(error.message ?? error) });
      }
    })().finally(() => {
      this.#mounting = null;
    });
    return this.#mounting;
  }
}

class PlaneInlineEditor extends PlaneInlineElement {
  static observedAttributes = ['api-base', 'app-base', 'workspace', 'work-item', 'theme'];

  mountView(container, saved, failed) {
    const options = { ...this.sharedOptions(), workItem: this.getAttribute('work-item') ?? undefined };
    return mountEditor(container, options, saved, failed);
  }

  changeInPlace(editor, name, after) {
    if (name === 'theme') {
      editor.setTheme(after);
      return true;
    }
    if (name === 'work-item' || name === 'workspace') {
      editor.setWorkItem(this.getAttribute('workspace'), this.getAttribute('work-item'));
      return true;
    }
    return false;
  }
}

// The table of a project's work items: the same shadow root, style sheet and events as an editor.
class PlaneInlineTable extends PlaneInlineElement {
  static observedAttributes = ['api-base', 'app-base', 'workspace', 'project', 'theme'];

  mountView(container, saved, failed) {
    const options = { ...this.sharedOptions(), project: this.getAttribute('project') ?? '' };
    return mountTable(container, options, saved, failed);
  }
}

customElements.define('plane-inline-editor', PlaneInlineEditor);
customElements.define('plane-inline-table', PlaneInlineTable);
