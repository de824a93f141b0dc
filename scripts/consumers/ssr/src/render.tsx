import {renderToString} from 'react-dom/server';
import Page from './page.js';

export function render(): string {
  return renderToString(<Page url="https://chat.example.com" />);
}
