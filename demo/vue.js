// Vue demo: `<chat-widget>` straight in a Vue template, pointed at the reference backends that
// `npm start` runs. The template is compiled in the browser, so this page uses Vue's full build.
import './vue-flags.js';
import {createApp, ref} from 'vue/dist/vue.esm-bundler.js';
import '../src/define.ts';

const backends = await (await fetch('/backends.json')).json();

const app = createApp({
  setup() {
    const status = ref('idle');
    const log = ref([]);
    const age = ref(45);
    const add = (text) => (log.value = [text, ...log.value].slice(0, 12));
    return {
      url: backends.agent,
      status,
      log,
      age,
      onMessage: (e) => add(`chat-message: ${e.detail.message.text.slice(0, 60)}…`),
      onProgress: (e) => add(`chat-progress: ${e.detail.label}`),
      onError: (e) => add(`chat-error (${e.detail.kind}): ${e.detail.message}`),
    };
  },
  template: `
    <div class="framework-demo">
      <section class="controls" aria-label="Host controls">
        <p>Status: <b>{{ status }}</b></p>
        <label>
          Patient age (<code>.context</code>, sent as <code>patient_profile</code>):
          <input type="number" min="0" max="120" v-model.number="age">
        </label>
        <h2>Events</h2>
        <ol class="event-log" aria-live="polite"><li v-for="line in log" :key="line">{{ line }}</li></ol>
      </section>
      <chat-widget
        protocol="agent"
        :url="url"
        heading="AI Doctor (Vue)"
        persist="none"
        .context="{patient_profile: {age, chronic_conditions: ['hypertension']}}"
        @chat-status="status = $event.detail.status"
        @chat-message="onMessage"
        @chat-progress="onProgress"
        @chat-error="onError"
      ></chat-widget>
    </div>`,
});
// Without this Vue would try to resolve <chat-widget> as a Vue component and warn.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'chat-widget';
app.mount('#app');
