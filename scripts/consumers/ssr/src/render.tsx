import {renderToString} from 'react-dom/server';
import Page from './page.js';

export function render(): string {
  return renderToString(<Page url="http://127.0.0.1:9/" />);
}
