// Reading a table a curator picks: CSV (papaparse) or XLSX (exceljs), both loaded only when needed.
export type Table = unknown[][];

export async function readTable(file: File): Promise<Table> {
  if (/\.xlsx$/i.test(file.name)) {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: Table = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v)),
      );
    });
    return rows;
  }
  const { parse } = await import('papaparse');
  const text = (await file.text()).replace(/^\ufeff/, '');
  return parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
}
