// A server component (as in Next's app router) that renders the 'use client' wrapper.
import {ChatWidget} from 'chat-widget/react';

declare global {
  interface Window {
    consumer: Record<string, unknown>;
  }
}

export default function Page({url}: {url: string}) {
  return (
    <main>
      <h1>Support</h1>
      <ChatWidget id="ssr" protocol="openai" url={url} heading="Server" context={{plan: 'pro'}} onChatMessage={(e) => (window.consumer.ssr = e.detail.message.text)} />
    </main>
  );
}
