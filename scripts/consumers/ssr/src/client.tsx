import {hydrateRoot} from 'react-dom/client';
import Page from './page.js';

(window as unknown as {consumer: object}).consumer = {};
hydrateRoot(document.getElementById('root')!, <Page url="http://127.0.0.1:9/" />);
