import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * The file's live stream (SSE, cookie-authenticated): every event refreshes the file, its timeline and
 * its messages, and is announced. EventSource reconnects by itself and sends Last-Event-ID, so
 * nothing is missed across a dropped link.
 */
const EVENT_TYPES = ['submitted', 'routed', 'assigned', 'status_changed', 'info_requested', 'resubmitted', 'decided', 'withdrawn', 'message_posted', 'document_added', 'document_issued', 'deadline_reminder'];

export function useLiveRequest(id: string): { announcement: string; connected: boolean } {
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/requests/${encodeURIComponent(id)}/events`, { withCredentials: true });
    const onEvent = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { label?: string };
        if (data.label) setAnnouncement(`Mise à jour : ${data.label}`);
      } catch {
        // A frame we cannot read still means something changed.
      }
      void client.invalidateQueries({ queryKey: ['requests', id] });
      // Each applicant-visible event also brings a notification: the header's count.
      void client.invalidateQueries({ queryKey: ['notifications'] });
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [id, client]);
  return { announcement, connected };
}
