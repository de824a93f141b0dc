import {hydrateRoot} from 'react-dom/client';
import Page from './page.js';

window.consumer = {};
hydrateRoot(document.getElementById('root')!, <Page url={location.origin} />);
