// Downloads of tables as CSV and XLSX. The libraries load only when a curator exports: they are large.
type Cell = string | number;

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadCsv(filename: string, rows: Cell[][]): Promise<void> {
  const { unparse } = await import('papaparse');
  // The byte-order mark lets Excel open Cyrillic text in UTF-8 correctly.
  save(new Blob(['\ufeff', unparse(rows)], { type: 'text/csv;charset=utf-8' }), filename);
}

export async function xlsxBytes(sheet: string, rows: Cell[][]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31));
  worksheet.addRows(rows);
  worksheet.getRow(1).font = { bold: true };
  worksheet.columns.forEach((column) => {
    column.width = 24;
  });
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

export async function downloadXlsx(filename: string, sheet: string, rows: Cell[][]): Promise<void> {
  const bytes = await xlsxBytes(sheet, rows);
  save(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    filename,
  );
}

export function fileSafe(name: string): string {
  return (
    name
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'export'
  );
}
