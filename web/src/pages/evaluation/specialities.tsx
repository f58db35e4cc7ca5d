import { useQuery } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';

interface Speciality {
  code: string;
  zh: string;
  en: string;
}

const useSpecialities = () => useQuery({ queryKey: ['specialities'], queryFn: () => get<Speciality[]>('/api/expert-specialities'), staleTime: Infinity });

/** A speciality's name in the reader's language (null until the tree has loaded): users never see its code. */
export function useSpecialityName() {
  const { i18n } = useTranslation();
  const specialities = useSpecialities().data;
  return (code: string) => {
    const s = specialities?.find((x) => x.code === code);
    return s ? (i18n.language === 'en-US' ? s.en : s.zh) : null;
  };
}

/** "A02.01" sits under "A02", which sits under "A". */
const parentOf = (code: string) => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : code.length > 1 ? code.slice(0, 1) : null);

/** Choose specialities from the tree, by name; the value stays the codes the API takes. */
export function SpecialitySelect(props: Omit<TreeSelectProps, 'treeData'>) {
  const { i18n } = useTranslation();
  const specialities = useSpecialities().data ?? [];
  const treeData = specialities.map((s) => ({ id: s.code, pId: parentOf(s.code), value: s.code, title: i18n.language === 'en-US' ? s.en : s.zh }));
  return <TreeSelect multiple treeDataSimpleMode treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} {...props} treeData={treeData} />;
}
