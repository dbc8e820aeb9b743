import type { JSX } from 'preact';
import { type User } from '../api';
import { Tabs } from '../components/ui';
import { t, type MessageKey } from '../i18n';
import { href, type Route } from '../router';
import { ComponentsTab } from './version_components';
import { DocumentsTab, LicensesTab, QualityTab } from './version_misc';
import { GraphTab } from './version_graph';
import { VulnsTab } from './version_vulns';

const TABS: { id: string; key: MessageKey }[] = [
  { id: 'components', key: 'tabComponents' },
  { id: 'graph', key: 'tabGraph' },
  { id: 'vulnerabilities', key: 'tabVulnerabilities' },
  { id: 'licenses', key: 'tabLicenses' },
  { id: 'quality', key: 'tabQuality' },
  { id: 'documents', key: 'tabDocuments' },
];

export function VersionPage(props: { project: string; version: string; tab: string; route: Route; user: User }): JSX.Element {
  const { project, version, tab, route, user } = props;
  const base = `/api/v1/projects/${encodeURIComponent(project)}/versions/${encodeURIComponent(version)}`;
  return (
    <section aria-labelledby="version-title">
      <nav class="crumbs" aria-label={t('breadcrumbs')}>
        <a href={href(['projects'])}>{t('navProjects')}</a> / <a href={href(['projects', project])}>{project}</a> / <span>{version}</span>
      </nav>
      <h1 id="version-title">
        {project} <span class="muted">@ {version}</span>
      </h1>
      <Tabs
        label={t('versionSections')}
        current={tab}
        tabs={TABS.map((x) => ({ id: x.id, label: t(x.key), href: href(['projects', project, 'versions', version, x.id]) }))}
      />
      <div class="tabpanel">
        {tab === 'components' ? <ComponentsTab base={base} project={project} version={version} route={route} /> : null}
        {tab === 'graph' ? <GraphTab base={base} route={route} /> : null}
        {tab === 'vulnerabilities' ? <VulnsTab base={base} project={project} route={route} user={user} /> : null}
        {tab === 'licenses' ? <LicensesTab base={base} /> : null}
        {tab === 'quality' ? <QualityTab base={base} /> : null}
        {tab === 'documents' ? <DocumentsTab base={base} project={project} user={user} /> : null}
      </div>
    </section>
  );
}
