import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useMarkAllRead, useNotifications } from '../api/account';
import { AccountNav } from '../components/AccountNav';

export function NotificationsPage() {
  usePageTitle('Notifications');
  const notifications = useNotifications();
  const markAll = useMarkAllRead();
  const unread = notifications.data?.filter((n) => !n.read).length ?? 0;

  return (
    <>
      <h1>Notifications</h1>
      <AccountNav />
      {notifications.isPending && <Loading />}
      {notifications.isError && <Notice kind="error">Les notifications n’ont pas pu être chargées.</Notice>}
      {notifications.data && notifications.data.length === 0 && <p>Vous n’avez aucune notification.</p>}
      {notifications.data && notifications.data.length > 0 && (
        <>
          <p>
            {unread === 0 ? 'Tout est lu.' : `${unread} notification${unread > 1 ? 's' : ''} non lue${unread > 1 ? 's' : ''}.`}{' '}
            {unread > 0 && (
              <Button variant="secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
                Tout marquer comme lu
              </Button>
            )}
          </p>
          <ul className="notification-list">
            {notifications.data.map((n) => (
              <li key={n.id} className={n.read ? 'notification' : 'notification notification--unread'}>
                <h2 className="notification__title">
                  {!n.read && <span className="visually-hidden">Non lue : </span>}
                  {n.title}
                </h2>
                <p>{n.body}</p>
                <p className="notification__date">
                  <time dateTime={n.at}>{formatDateTime(n.at)}</time>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
