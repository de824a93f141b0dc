// A server component (as in Next's app router) that renders the 'use client' wrapper.
import {ChatWidget} from 'chat-widget/react';

export default function Page({url}: {url: string}) {
  return (
    <main>
      <h1>Support</h1>
      <ChatWidget id="ssr" protocol="no-such-protocol" url={url} heading="Server" context={{plan: 'pro'}} />
    </main>
  );
}
