import { ConfigError } from '@aks-scaler/core';
import { describe, expect, it } from 'vitest';
import { RETAIL_PRICE_ROWS } from '../../../test/helpers/retail-prices-server.js';
import { parseRetailPrices, priceVmSizes, type RetailPriceItem, selectVmPrice } from './retail-prices.js';

const wanted = { vmSize: 'Standard_D2s_v5', region: 'westeurope' };
const RIGHT = RETAIL_PRICE_ROWS.find((r) => r.retailPrice === 0.096 && r.type === 'Consumption')!;

describe('selectVmPrice', () => {
  it('picks the latest pay-as-you-go Linux row of the size in the region', () => {
    expect(selectVmPrice(RETAIL_PRICE_ROWS, wanted)).toBe(RIGHT);
    expect(
      selectVmPrice(RETAIL_PRICE_ROWS, { vmSize: 'standard_d4s_v5', region: 'WestEurope' })?.retailPrice,
    ).toBe(0.192);
    expect(
      selectVmPrice(RETAIL_PRICE_ROWS, { vmSize: 'Standard_E2s_v5', region: 'westeurope' }),
    ).toBeUndefined();
  });

  it.each([
    ['Spot (skuName and meterName)', { skuName: 'D2s v5 Spot', meterName: 'D2s v5 Spot' }],
    ['Spot (meterName only)', { meterName: 'D2s v5 Spot' }],
    [
      'Low Priority (skuName and meterName)',
      { skuName: 'D2s v5 Low Priority', meterName: 'D2s v5 Low Priority' },
    ],
    ['Low Priority (skuName only)', { skuName: 'D2s v5 Low Priority' }],
    ['Windows (productName)', { productName: 'Virtual Machines DSv5 Series Windows' }],
    ['DevTestConsumption', { type: 'DevTestConsumption' }],
    [
      'a Reservation ("1 Hour", priced for the whole term)',
      { type: 'Reservation', reservationTerm: '1 Year' },
    ],
    ['another service', { serviceName: 'Virtual Machines Licenses' }],
    ['another region', { armRegionName: 'northeurope' }],
    ['another size', { armSkuName: 'Standard_D2as_v5' }],
  ] as Array<[string, Partial<RetailPriceItem>]>)(
    'leaves out %s, which would win without that rule',
    (_, trap) => {
      // Later and cheaper than the right row: only the trap's own fields keep it out.
      const trapRow = { ...RIGHT, ...trap, retailPrice: 0.01, effectiveStartDate: '2025-01-01T00:00:00Z' };
      expect(selectVmPrice([RIGHT, trapRow], wanted)).toBe(RIGHT);
      const withoutTrap = { ...trapRow, ...Object.fromEntries(Object.keys(trap).map((k) => [k, RIGHT[k]])) };
      expect(selectVmPrice([RIGHT, withoutTrap], wanted)).toBe(withoutTrap);
    },
  );

  it('among the served rows, every Spot, Low Priority, Windows, DevTest, Reservation and other-region row is later', () => {
    const traps = RETAIL_PRICE_ROWS.filter((r) => r !== RIGHT && r.armSkuName === 'Standard_D2s_v5');
    expect(traps.length).toBeGreaterThanOrEqual(7);
    for (const trap of traps.filter((r) => r.retailPrice !== 0.11)) {
      expect(Date.parse(trap.effectiveStartDate!)).toBeGreaterThan(Date.parse(RIGHT.effectiveStartDate!));
    }
  });

  it('takes the latest effectiveStartDate, and a per-hour unit only', () => {
    // Without the date rule the first matching row, the older 0.11, would win.
    const older = RETAIL_PRICE_ROWS.findIndex((r) => r.retailPrice === 0.11);
    expect(RETAIL_PRICE_ROWS.indexOf(RIGHT)).toBeGreaterThan(older);
    const monthly = { ...RIGHT, unitOfMeasure: '1/Month', retailPrice: 70, effectiveStartDate: '2025-01-01' };
    expect(selectVmPrice([...RETAIL_PRICE_ROWS, monthly], wanted)).toBe(RIGHT);
    expect(
      selectVmPrice([...RETAIL_PRICE_ROWS, { ...monthly, unitOfMeasure: '1 Hour' }], wanted)?.retailPrice,
    ).toBe(70);
  });
});

describe('priceVmSizes', () => {
  it('prices each pool, and reports a size without a row instead of pricing it at 0', () => {
    const prices = priceVmSizes({
      items: RETAIL_PRICE_ROWS,
      vmSizes: { manualpool2: 'Standard_D2s_v5', manualpool3: 'Standard_E2s_v5' },
      region: 'westeurope',
      source: 'prices.json',
    });
    expect(prices.manualpool2).toEqual({
      vmSize: 'Standard_D2s_v5',
      hourlyPrice: 0.096,
      currency: 'USD',
      row: {
        skuName: 'D2s v5',
        meterName: 'D2s v5',
        productName: 'Virtual Machines DSv5 Series',
        effectiveStartDate: '2023-01-01T00:00:00Z',
      },
    });
    expect(prices.manualpool3).toEqual({
      vmSize: 'Standard_E2s_v5',
      missing:
        'prices.json has no pay-as-you-go Linux price (type Consumption, 1 Hour) for Standard_E2s_v5 in westeurope',
    });
  });

  it('refuses prices in two currencies', () => {
    const items = [RIGHT, { ...RETAIL_PRICE_ROWS.at(-1)!, currencyCode: 'EUR' }];
    expect(() =>
      priceVmSizes({
        items,
        vmSizes: { manualpool2: 'Standard_D2s_v5', manualpool3: 'Standard_D4s_v5' },
        region: 'westeurope',
        source: 'mixed.json',
      }),
    ).toThrow(/mixed\.json prices the pools in USD \(manualpool2\) and EUR \(manualpool3\).*--currency/);
  });
});

describe('parseRetailPrices', () => {
  it('reads one page or an array of pages', () => {
    const page = { Items: RETAIL_PRICE_ROWS.slice(0, 2), NextPageLink: null, Count: 2 };
    expect(parseRetailPrices(JSON.stringify(page), 'p.json')).toHaveLength(2);
    expect(parseRetailPrices(JSON.stringify([page, { Items: [RIGHT] }]), 'p.json')).toHaveLength(3);
  });

  it('names --prices and the file when it is not a response', () => {
    for (const text of ['{ "items": [] }', '[{ "Items": [] }, 5]', 'not json']) {
      let error: unknown;
      try {
        parseRetailPrices(text, 'week.json');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues[0]?.path).toBe('--prices');
      expect((error as Error).message).toMatch(/week\.json/);
      expect((error as Error).message).toMatch(/aks-scaler prices/);
    }
  });
});
