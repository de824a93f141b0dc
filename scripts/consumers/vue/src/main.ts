import 'chat-widget/define';
import {createApp} from 'vue';
import App from './App.vue';

(window as unknown as {consumer: Record<string, string>}).consumer = {};
createApp(App).mount('#app');
