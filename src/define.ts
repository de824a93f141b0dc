import {ChatWidget} from './chat-widget.js';

export {ChatWidget};

// A second import, or a second copy of the bundle on the page, must not throw.
if (typeof customElements !== 'undefined' && !customElements.get('chat-widget')) {
  customElements.define('chat-widget', ChatWidget);
}

// The `HTMLElementTagNameMap` entry is declared beside the class (src/chat-widget.ts).
