import { describe, expect, it } from 'vitest'
import { ECOINDEX_QUANTILES, ecoIndex, ecoIndexGrade, ecoIndexScore, quantilePosition } from './ecoindex'

// Reference values: the tests of cnumr/ecoindex_python (tests/compute/test_ecoindex.py).
describe('quantilePosition', () => {
  it('interpolates between two bounds of a table', () => {
    expect(quantilePosition(ECOINDEX_QUANTILES.sizeKb, 2500)).toBeCloseTo(14.086372025739513, 12)
    expect(quantilePosition(ECOINDEX_QUANTILES.dom, 150)).toBeCloseTo(2.892857142857143, 12)
    expect(quantilePosition(ECOINDEX_QUANTILES.requests, 23)).toBeCloseTo(2.8, 12)
  })
  it('stops at 20 beyond the last bound, starts at 0', () => {
    expect(quantilePosition(ECOINDEX_QUANTILES.sizeKb, 310182.902)).toBe(20)
    expect(quantilePosition(ECOINDEX_QUANTILES.dom, 0)).toBe(0)
  })
})

describe('ecoIndexScore', () => {
  it('weighs DOM elements 3, requests 2 and kilobytes 1', () => {
    expect(ecoIndexScore({ dom: 100, requests: 100, sizeKb: 100 })).toBe(72)
    expect(ecoIndexScore({ dom: 100, requests: 100, sizeKb: 1000 })).toBe(67)
    expect(ecoIndexScore({ dom: 100, requests: 100, sizeKb: 10000 })).toBe(58)
    expect(ecoIndexScore({ dom: 200, requests: 200, sizeKb: 10000 })).toBe(46)
    expect(ecoIndexScore({ dom: 2355, requests: 267, sizeKb: 2493 })).toBe(10)
    expect(ecoIndexScore({ dom: 240, requests: 20, sizeKb: 331 })).toBe(83)
  })
  it('gives 100 to an empty page and 0 past every table', () => {
    expect(ecoIndexScore({ dom: 0, requests: 0, sizeKb: 0 })).toBe(100)
    expect(ecoIndexScore({ dom: 1e6, requests: 1e4, sizeKb: 1e6 })).toBe(0)
  })
})

describe('ecoIndexGrade', () => {
  it('gives a grade strictly above its bound', () => {
    expect(ecoIndexGrade(2)).toBe('G')
    expect(ecoIndexGrade(10)).toBe('G')
    expect(ecoIndexGrade(25)).toBe('F')
    expect(ecoIndexGrade(50.2)).toBe('D')
    expect(ecoIndexGrade(70)).toBe('C')
    expect(ecoIndexGrade(71)).toBe('B')
    expect(ecoIndexGrade(81)).toBe('A')
    expect(ecoIndexGrade(100)).toBe('A')
  })
})

describe('ecoIndex', () => {
  it('scores and grades a page', () => {
    expect(ecoIndex({ dom: 100, requests: 100, sizeKb: 100 })).toEqual({ score: 72, grade: 'B' })
    expect(ecoIndex({ dom: 2240, requests: 100, sizeKb: 310182.902 })).toEqual({ score: 16, grade: 'F' })
  })
})
